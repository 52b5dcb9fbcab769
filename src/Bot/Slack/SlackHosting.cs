using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace IomAssistant.Bot.Slack;

public static class SlackHosting
{
    /// <summary>
    /// Registers the Slack channel. It stays dormant (its endpoints answer 404) until
    /// Slack:SigningSecret and Slack:BotToken are set; with Slack:AppToken it connects to Slack
    /// in Socket Mode.
    /// </summary>
    public static WebApplicationBuilder AddSlackChannel(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<SlackOptions>().Bind(builder.Configuration.GetSection(SlackOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.AddSingleton<SlackRequestVerifier>();
        services.AddSingleton<SlackReplyQueue>();
        services.AddSingleton<SlackResponder>();
        services.AddSingleton<SlackAudiences>();
        services.AddSingleton<SlackDispatcher>();
        services.AddHostedService<SlackReplyWorker>();
        if (builder.Configuration.GetSection(SlackOptions.Section).Get<SlackOptions>()?.UsesSocketMode == true)
            services.AddHostedService<SlackSocketMode>();

        services.AddHttpClient<SlackWebApiClient>()
            .AddResilienceHandler("slack", pipeline => pipeline
                // Whole call, retries and Retry-After waits included: an answer later than this is stale.
                .AddTimeout(TimeSpan.FromSeconds(90))
                .AddRetry(new HttpRetryStrategyOptions
                {
                    // Covers 429 (waiting as long as Retry-After says), 5xx, 408 and network errors.
                    MaxRetryAttempts = 3,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    Delay = TimeSpan.FromSeconds(1),
                    MaxDelay = TimeSpan.FromSeconds(30),
                    ShouldRetryAfterHeader = true,
                })
                .AddTimeout(TimeSpan.FromSeconds(10)));
        return builder;
    }
}
