using Microsoft.Data.Sqlite;

namespace Locking.Tests.TestHost;

/// <summary>
/// A SQLite file of its own under the temp folder's <c>locking-tests/</c>; disposing deletes it with
/// its WAL, shared-memory and journal files, so a test run leaves nothing behind.
/// </summary>
public sealed class TempDatabase : IDisposable
{
    private static readonly string[] Companions = ["", "-wal", "-shm", "-journal"];

    public TempDatabase(string prefix = "")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "locking-tests", $"{prefix}{Guid.NewGuid():N}.db");
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
    }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public void Dispose()
    {
        // Idle pooled connections keep the file open (and would write to it when they finally close).
        SqliteConnection.ClearAllPools();
        foreach (var companion in Companions)
        {
            File.Delete(Path + companion);
        }
    }
}
