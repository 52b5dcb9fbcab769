using IomAssistant.Bot.Conversation;
using Npgsql;
using static IomAssistant.Bot.Gaps.GapRecords;

namespace IomAssistant.Bot.Gaps;

/// <summary>
/// Unanswered questions and feedback in PostgreSQL, shared by every replica (set
/// Store:PostgresConnectionString). Same records and bounds as the SQLite store; the tables are
/// created on first use, under an advisory lock so that replicas starting together do not race.
/// A server that cannot be reached is logged, never thrown, and the schema is tried again on the
/// next write.
/// </summary>
public sealed class PostgresGapStore(NpgsqlDataSource dataSource, bool recordQuestionText, ILogger logger) : IGapStore, IDisposable
{
    // Any constant: the lock that serializes creating the tables.
    private const long SchemaLockKey = 0x10_4D_0A_55_15;

    private volatile bool _schemaReady;

    public void RecordBatch(IReadOnlyList<UnansweredQuestion> questions, IReadOnlyList<FeedbackEntry> feedback) => Use<object?>("record unanswered questions and feedback", connection =>
    {
        using var transaction = connection.BeginTransaction();
        using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var question in questions)
            batch.BatchCommands.Add(Command(
                "INSERT INTO unanswered (at, channel, language, question, normalized) VALUES ($1, $2, $3, $4, $5)",
                question.At.UtcDateTime, Text(question.Channel, 16), Text(question.Language, 8),
                recordQuestionText ? Text(question.Question, MaxQuestionLength) : DBNull.Value,
                recordQuestionText ? Text(Normalize(question.Question), MaxShortText) : DBNull.Value));
        foreach (var entry in feedback)
            batch.BatchCommands.Add(Command(
                "INSERT INTO feedback (at, channel, answer_title, question, helpful) VALUES ($1, $2, $3, $4, $5)",
                entry.At.UtcDateTime, Text(entry.Channel, 16), Text(entry.AnswerTitle, MaxShortText),
                recordQuestionText && entry.Question is { } q ? Text(q, MaxQuestionLength) : DBNull.Value, entry.Helpful));
        if (batch.BatchCommands.Count > 0)
            batch.ExecuteNonQuery();
        transaction.Commit();
        return null;
    });

    public IReadOnlyList<GapCount> TopUnanswered(int top, DateTimeOffset since) => Use("read unanswered questions", connection =>
        Counts(connection, """
            SELECT normalized, COUNT(*), MAX(at), MAX(question) FROM unanswered
            WHERE at >= $1 GROUP BY normalized ORDER BY COUNT(*) DESC, MAX(at) DESC LIMIT $2
            """, top, since)) ?? [];

    public IReadOnlyList<GapCount> TopNotHelpful(int top, DateTimeOffset since) => Use("read feedback", connection =>
        Counts(connection, """
            SELECT answer_title, COUNT(*), MAX(at), MAX(question) FROM feedback
            WHERE NOT helpful AND at >= $1 GROUP BY answer_title ORDER BY COUNT(*) DESC, MAX(at) DESC LIMIT $2
            """, top, since)) ?? [];

    public int Prune(DateTimeOffset olderThan, int maxRows) => Use("delete old records", connection =>
    {
        var deleted = 0;
        foreach (var table in new[] { "unanswered", "feedback" })
        {
            // Ids grow with time: beyond the cap, the lowest ids are the oldest records.
            using var delete = new NpgsqlCommand($"""
                DELETE FROM {table} WHERE at < $1
                   OR id <= (SELECT id FROM {table} ORDER BY id DESC OFFSET $2 LIMIT 1)
                """, connection);
            delete.Parameters.Add(new NpgsqlParameter { Value = olderThan.UtcDateTime });
            delete.Parameters.Add(new NpgsqlParameter { Value = maxRows });
            deleted += delete.ExecuteNonQuery();
        }
        return deleted;
    });

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }

    /// <summary>Bounded, and without NUL characters, which PostgreSQL text cannot hold.</summary>
    private static string Text(string text, int max) => Bounded(text.Replace("\0", "", StringComparison.Ordinal), max);

    private static List<GapCount> Counts(NpgsqlConnection connection, string sql, int top, DateTimeOffset since)
    {
        using var select = new NpgsqlCommand(sql, connection);
        select.Parameters.Add(new NpgsqlParameter { Value = since.UtcDateTime });
        select.Parameters.Add(new NpgsqlParameter { Value = top });
        using var reader = select.ExecuteReader();
        var counts = new List<GapCount>();
        while (reader.Read())
            counts.Add(new GapCount(reader.IsDBNull(0) ? null : reader.GetString(0), (int)reader.GetInt64(1),
                new DateTimeOffset(reader.GetDateTime(2), TimeSpan.Zero), reader.IsDBNull(3) ? null : reader.GetString(3)));
        return counts;
    }

    private T? Use<T>(string what, Func<NpgsqlConnection, T> use)
    {
        try
        {
            using var connection = dataSource.OpenConnection();
            EnsureSchema(connection);
            return use(connection);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException or InvalidCastException)
        {
            // The message names the server and the problem, never the password.
            logger.LogError("Could not {What} in PostgreSQL (Store:PostgresConnectionString): {Error}", what, e.Message);
            return default;
        }
    }

    private void EnsureSchema(NpgsqlConnection connection)
    {
        if (_schemaReady)
            return;
        using var transaction = connection.BeginTransaction();
        using var schema = new NpgsqlCommand($"""
            SELECT pg_advisory_xact_lock({SchemaLockKey});
            CREATE TABLE IF NOT EXISTS unanswered (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TIMESTAMPTZ NOT NULL, channel TEXT NOT NULL,
                language TEXT NOT NULL, question TEXT, normalized TEXT);
            CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at);
            CREATE TABLE IF NOT EXISTS feedback (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, at TIMESTAMPTZ NOT NULL, channel TEXT NOT NULL,
                answer_title TEXT NOT NULL, question TEXT, helpful BOOLEAN NOT NULL);
            CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
            """, connection, transaction);
        schema.ExecuteNonQuery();
        transaction.Commit();
        _schemaReady = true;
    }

    public void Dispose() => dataSource.Dispose();
}
