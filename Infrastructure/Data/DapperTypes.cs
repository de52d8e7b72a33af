using System.Data;
using System.Globalization;
using Dapper;
using Npgsql;

namespace Locking.Infrastructure.Data;

/// <summary>
/// In SQLite, guids and instants are stored as fixed-width text: readable in the sqlite3 shell,
/// and instants sort and compare correctly as strings. PostgreSQL gets them as uuid and
/// timestamptz (whole microseconds, its precision, so a value compares the same after a round trip).
/// </summary>
internal static class DapperTypes
{
    public const string InstantFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";
    private static int registered;

    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 1)
        {
            return;
        }
        SqlMapper.RemoveTypeMap(typeof(Guid));
        SqlMapper.RemoveTypeMap(typeof(Guid?));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset?));
        SqlMapper.AddTypeHandler(typeof(Guid), new GuidHandler());
        SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new InstantHandler());
        DefaultTypeMap.MatchNamesWithUnderscores = true;
    }

    public static string ToText(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString(InstantFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseInstant(string text) =>
        DateTimeOffset.ParseExact(text, InstantFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    /// <summary>
    /// Typed even when null: PostgreSQL cannot infer the type of a bare <c>@p IS NULL</c>.
    /// (Dapper's generic TypeHandler leaves a null parameter untyped.)
    /// </summary>
    private abstract class NullTypedHandler<T>(DbType npgsqlType) : SqlMapper.ITypeHandler
    {
        public void SetValue(IDbDataParameter parameter, object value)
        {
            if (value is DBNull or null)
            {
                if (parameter is NpgsqlParameter)
                {
                    parameter.DbType = npgsqlType;
                }
                parameter.Value = DBNull.Value;
                return;
            }
            SetValue(parameter, (T)value);
        }

        public object Parse(Type destinationType, object value) => Parse(value)!;

        protected abstract void SetValue(IDbDataParameter parameter, T value);

        protected abstract T Parse(object value);
    }

    private sealed class GuidHandler() : NullTypedHandler<Guid>(DbType.Guid)
    {
        protected override void SetValue(IDbDataParameter parameter, Guid value)
        {
            if (parameter is NpgsqlParameter)
            {
                parameter.DbType = DbType.Guid;
                parameter.Value = value;
                return;
            }
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString();
        }

        protected override Guid Parse(object value) => value switch
        {
            Guid guid => guid,
            byte[] bytes => new Guid(bytes),
            _ => Guid.Parse((string)value),
        };
    }

    private sealed class InstantHandler() : NullTypedHandler<DateTimeOffset>(DbType.DateTimeOffset)
    {
        protected override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            if (parameter is NpgsqlParameter)
            {
                parameter.DbType = DbType.DateTimeOffset;
                parameter.Value = ToMicroseconds(value);
                return;
            }
            parameter.DbType = DbType.String;
            parameter.Value = ToText(value);
        }

        protected override DateTimeOffset Parse(object value) => value switch
        {
            DateTime utc => new DateTimeOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc)),
            DateTimeOffset instant => instant.ToUniversalTime(),
            _ => ParseInstant((string)value),
        };

        private static DateTimeOffset ToMicroseconds(DateTimeOffset value)
        {
            var utc = value.UtcTicks;
            return new DateTimeOffset(utc - utc % 10, TimeSpan.Zero);
        }
    }
}
