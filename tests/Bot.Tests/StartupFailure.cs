using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace IomAssistant.Bot.Tests;

/// <summary>Starts a test host that must fail its start-up validation, and returns why it failed.</summary>
public static class StartupFailure
{
    private const int Attempts = 3;

    public static OptionsValidationException Of(Func<WebApplicationFactory<Program>> createHost)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var host = createHost();
            var failure = Record.Exception(() => host.CreateClient());
            Assert.NotNull(failure);
            var chain = Chain(failure).ToList();
            if (chain.OfType<OptionsValidationException>().FirstOrDefault() is { } validation)
                return validation;
            // The test host runs a minimal app's start on another thread: under load its failure
            // can surface as the already disposed server instead. Start it again.
            if (attempt == Attempts || !chain.Any(e => e is ObjectDisposedException))
                throw failure;
        }
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        yield return e;
        var inner = e is AggregateException aggregate ? aggregate.InnerExceptions : e.InnerException is { } i ? [i] : [];
        foreach (var child in inner)
            foreach (var nested in Chain(child))
                yield return nested;
    }
}
