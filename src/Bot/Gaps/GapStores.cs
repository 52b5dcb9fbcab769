using Npgsql;

namespace IomAssistant.Bot.Gaps;

public static class GapStores
{
    /// <summary>The store the settings name: PostgreSQL when Store:PostgresConnectionString is set, else the SQLite file (relative to <paramref name="contentRoot"/>).</summary>
    public static IGapStore Open(StoreOptions options, string contentRoot, ILoggerFactory loggers) =>
        options.UsesPostgres
            ? new PostgresGapStore(NpgsqlDataSource.Create(options.PostgresConnectionString), options.RecordQuestionText, loggers.CreateLogger<PostgresGapStore>())
            : new KnowledgeGapStore(Path.GetFullPath(options.SqlitePath, contentRoot), options.RecordQuestionText, loggers.CreateLogger<KnowledgeGapStore>());
}
