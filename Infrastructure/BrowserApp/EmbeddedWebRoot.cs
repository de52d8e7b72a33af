using System.Reflection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

namespace Locking.Infrastructure.BrowserApp;

/// <summary>
/// The built browser app (wwwroot/), read from the resources Locking.csproj embeds as
/// <c>wwwroot/{path}</c>: one file to deploy, and the tests serve exactly what ships.
/// </summary>
internal sealed class EmbeddedWebRoot : IFileProvider
{
    private const string Prefix = "wwwroot/";
    private readonly Assembly assembly = typeof(EmbeddedWebRoot).Assembly;
    private readonly HashSet<string> names;
    // Resources carry no dates; the build's own time makes ETags and Last-Modified change per release.
    private readonly DateTimeOffset built = File.GetLastWriteTimeUtc(AppContext.BaseDirectory) is var t && t.Year > 2000 ? t : DateTimeOffset.UtcNow;

    public EmbeddedWebRoot() =>
        names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToHashSet(StringComparer.Ordinal);

    /// <summary>True when the build embedded the app (npm was there).</summary>
    public bool HasApp => names.Contains(Prefix + "index.html");

    public IFileInfo GetFileInfo(string subpath)
    {
        var name = Prefix + subpath.TrimStart('/');
        return names.Contains(name) ? new Resource(assembly, name, built) : new NotFoundFileInfo(subpath);
    }

    public IDirectoryContents GetDirectoryContents(string subpath) => NotFoundDirectoryContents.Singleton;

    public IChangeToken Watch(string filter) => NullChangeToken.Singleton;

    private sealed class Resource(Assembly assembly, string name, DateTimeOffset built) : IFileInfo
    {
        private long? length;

        public bool Exists => true;
        public bool IsDirectory => false;
        public DateTimeOffset LastModified => built;
        public string Name => Path.GetFileName(name);
        public string? PhysicalPath => null;

        public long Length
        {
            get
            {
                if (length is null)
                {
                    using var stream = CreateReadStream();
                    length = stream.Length;
                }
                return length.Value;
            }
        }

        public Stream CreateReadStream() =>
            assembly.GetManifestResourceStream(name) ?? throw new FileNotFoundException(name);
    }
}
