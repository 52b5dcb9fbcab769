using IomAssistant.Bot.Conversation;
using Microsoft.Data.Sqlite;
using static IomAssistant.Bot.Gaps.GapRecords;

namespace IomAssistant.Bot.Gaps;

/// <summary>One line of the gaps report: a question (normalized) or an answer title, how often, and when last.</summary>
public sealed record GapCount(string? Text, int Count, DateTimeOffset Last, string? Example);

/// <summary>
/// Unanswered questions and feedback in an embedded SQLite database, for the `report` verb.
/// The file is created on first use, in WAL mode so the report can read while the bot writes.
/// Texts are bounded, SQL is parameterized, and a failing database is logged, never thrown:
/// the channel's answer matters more than the record of it.
/// </summary>
public sealed class KnowledgeGapStore(string path, bool recordQuestionText, ILogger logger) : IGapStore
{
    private readonly Lock _schemaLock = new();
    private volatile bool _schemaReady;

    private string ConnectionString { get; } = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate }.ToString();

    /// <summary>Writes many records in one transaction: the background writer's way to keep up with a busy bot.</summary>
    public void RecordBatch(IReadOnlyList<UnansweredQuestion> questions, IReadOnlyList<FeedbackEntry> feedback) => Write("record unanswered questions and feedback", connection =>
    {
        using var transaction = connection.BeginTransaction();
        foreach (var question in questions)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO unanswered (at, channel, language, question, normalized) VALUES ($at, $channel, $language, $question, $normalized)";
            insert.Parameters.AddWithValue("$at", question.At.UtcDateTime.ToString("O"));
            insert.Parameters.AddWithValue("$channel", Bounded(question.Channel, 16));
            insert.Parameters.AddWithValue("$language", Bounded(question.Language, 8));
            insert.Parameters.AddWithValue("$question", recordQuestionText ? Bounded(question.Question, MaxQuestionLength) : DBNull.Value);
            insert.Parameters.AddWithValue("$normalized", recordQuestionText ? Bounded(Normalize(question.Question), MaxShortText) : DBNull.Value);
            insert.ExecuteNonQuery();
        }
        foreach (var entry in feedback)
        {
            using var insert = connection.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO feedback (at, channel, answer_title, question, helpful) VALUES ($at, $channel, $title, $question, $helpful)";
            insert.Parameters.AddWithValue("$at", entry.At.UtcDateTime.ToString("O"));
            insert.Parameters.AddWithValue("$channel", Bounded(entry.Channel, 16));
            insert.Parameters.AddWithValue("$title", Bounded(entry.AnswerTitle, MaxShortText));
            insert.Parameters.AddWithValue("$question", recordQuestionText && entry.Question is { } q ? Bounded(q, MaxQuestionLength) : DBNull.Value);
            insert.Parameters.AddWithValue("$helpful", entry.Helpful ? 1 : 0);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    });

    public IReadOnlyList<GapCount> TopUnanswered(int top, DateTimeOffset since) => Read("read unanswered questions", connection =>
        Counts(connection, """
            SELECT normalized, COUNT(*), MAX(at), MAX(question) FROM unanswered
            WHERE at >= $since GROUP BY normalized ORDER BY COUNT(*) DESC, MAX(at) DESC LIMIT $top
            """, top, since)) ?? [];

    public IReadOnlyList<GapCount> TopNotHelpful(int top, DateTimeOffset since) => Read("read feedback", connection =>
        Counts(connection, """
            SELECT answer_title, COUNT(*), MAX(at), MAX(question) FROM feedback
            WHERE helpful = 0 AND at >= $since GROUP BY answer_title ORDER BY COUNT(*) DESC, MAX(at) DESC LIMIT $top
            """, top, since)) ?? [];

    public int Prune(DateTimeOffset olderThan, int maxRows) => Read("delete old records", connection =>
    {
        using var delete = connection.CreateCommand();
        // Ids grow with time: beyond the cap, the lowest ids are the oldest records.
        delete.CommandText = """
            DELETE FROM unanswered WHERE at < $cutoff;
            DELETE FROM unanswered WHERE id <= (SELECT id FROM unanswered ORDER BY id DESC LIMIT 1 OFFSET $max);
            DELETE FROM feedback WHERE at < $cutoff;
            DELETE FROM feedback WHERE id <= (SELECT id FROM feedback ORDER BY id DESC LIMIT 1 OFFSET $max);
            """;
        delete.Parameters.AddWithValue("$cutoff", olderThan.UtcDateTime.ToString("O"));
        delete.Parameters.AddWithValue("$max", maxRows);
        return delete.ExecuteNonQuery();
    });

    private static List<GapCount> Counts(SqliteConnection connection, string sql, int top, DateTimeOffset since)
    {
        using var select = connection.CreateCommand();
        select.CommandText = sql;
        select.Parameters.AddWithValue("$since", since.UtcDateTime.ToString("O"));
        select.Parameters.AddWithValue("$top", top);
        using var reader = select.ExecuteReader();
        var counts = new List<GapCount>();
        while (reader.Read())
            counts.Add(new GapCount(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt32(1),
                DateTimeOffset.Parse(reader.GetString(2), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(3) ? null : reader.GetString(3)));
        return counts;
    }

    private void Write(string what, Action<SqliteConnection> write) => Read<object?>(what, connection =>
    {
        write(connection);
        return null;
    });

    private T? Read<T>(string what, Func<SqliteConnection, T> read)
    {
        try
        {
            if (!_schemaReady && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
                Directory.CreateDirectory(folder);
            using var connection = new SqliteConnection(ConnectionString);
            connection.Open();
            EnsureSchema(connection);
            // Per connection: commits reach the WAL without waiting for the disk each time.
            using (var pragma = connection.CreateCommand())
            {
                pragma.CommandText = "PRAGMA synchronous = NORMAL";
                pragma.ExecuteNonQuery();
            }
            return read(connection);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidOperationException or FormatException)
        {
            logger.LogError("Could not {What} in {Path} (Store:SqlitePath): {Error}", what, path, e.Message);
            return default;
        }
    }

    private void EnsureSchema(SqliteConnection connection)
    {
        if (_schemaReady)
            return;
        lock (_schemaLock)
        {
            if (_schemaReady)
                return;
            using var schema = connection.CreateCommand();
            schema.CommandText = """
                PRAGMA journal_mode = WAL;
                CREATE TABLE IF NOT EXISTS unanswered (
                    id INTEGER PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL, language TEXT NOT NULL,
                    question TEXT, normalized TEXT);
                CREATE INDEX IF NOT EXISTS unanswered_at ON unanswered (at);
                CREATE TABLE IF NOT EXISTS feedback (
                    id INTEGER PRIMARY KEY, at TEXT NOT NULL, channel TEXT NOT NULL, answer_title TEXT NOT NULL,
                    question TEXT, helpful INTEGER NOT NULL);
                CREATE INDEX IF NOT EXISTS feedback_at ON feedback (at);
                """;
            schema.ExecuteNonQuery();
            _schemaReady = true;
        }
    }
}
