using Microsoft.Extensions.Options;
using Npgsql;

namespace IomAssistant.Bot.Gaps;

/// <summary>The "Store" settings section: where unanswered questions and feedback are kept, and for how long.</summary>
public sealed class StoreOptions
{
    public const string Section = "Store";

    /// <summary>SQLite database file, created on first use (relative to the working folder). Used while no PostgreSQL server is set.</summary>
    public string SqlitePath { get; set; } = "data/assistant.db";

    /// <summary>
    /// Npgsql connection string ("Host=db;Database=assistant;Username=...;Password=..."): every
    /// replica writes to this server instead of its own SQLite file. A secret: set it from the
    /// environment (Store__PostgresConnectionString).
    /// </summary>
    public string PostgresConnectionString { get; set; } = "";

    /// <summary>
    /// Keep the text of unanswered questions and of questions given feedback (normalized, without
    /// who asked). Off: only counts by channel and language are kept, and feedback keeps the
    /// answer's title without the question.
    /// </summary>
    public bool RecordQuestionText { get; set; } = true;

    /// <summary>Records older than this are deleted in the background.</summary>
    public int RetentionDays { get; set; } = 90;

    /// <summary>At most this many unanswered questions, and as many feedback records, are kept; the oldest go first.</summary>
    public int MaxRows { get; set; } = 1_000_000;

    public bool UsesPostgres => !string.IsNullOrWhiteSpace(PostgresConnectionString);
}

/// <summary>Fails start-up with a message naming the setting to fix (never echoing the connection string, which holds a password).</summary>
public sealed class StoreOptionsValidator : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        var errors = new List<string>();
        if (!options.UsesPostgres && string.IsNullOrWhiteSpace(options.SqlitePath))
            errors.Add("Store:SqlitePath must name the SQLite database file, e.g. data/assistant.db (or set Store:PostgresConnectionString).");
        if (options.RetentionDays is < 1 or > 3650)
            errors.Add("Store:RetentionDays must be between 1 and 3650 (days records are kept).");
        if (options.MaxRows is < 1000 or > 100_000_000)
            errors.Add("Store:MaxRows must be between 1000 and 100000000 (records kept per table).");
        if (options.UsesPostgres)
        {
            try
            {
                if (string.IsNullOrWhiteSpace(new NpgsqlConnectionStringBuilder(options.PostgresConnectionString).Host))
                    errors.Add("Store:PostgresConnectionString names no server; expected e.g. Host=db;Database=assistant;Username=assistant;Password=...");
            }
            catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
            {
                errors.Add("Store:PostgresConnectionString is not a valid Npgsql connection string; expected e.g. Host=db;Database=assistant;Username=assistant;Password=...");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
