using IomAssistant.Bot.Api;
using IomAssistant.Bot.Cli;
using IomAssistant.Bot.Conversation;
using IomAssistant.Bot.Deduplication;
using IomAssistant.Bot.Gaps;
using IomAssistant.Bot.Hosting;
using IomAssistant.Bot.Management;
using IomAssistant.Bot.Observability;
using IomAssistant.Bot.Protection;
using IomAssistant.Bot.Slack;
using IomAssistant.Bot.Teams;
using IomAssistant.Bot.Web;

if (CliCommands.IsCliVerb(args))
    return await CliCommands.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddAssistantDefaults();
builder.AddManagement();
builder.AddKnowledgeEngine();
builder.AddGapStore();
builder.AddConversation();
builder.AddObservability();
builder.AddRequestProtection();
builder.AddTeamsChannel();
builder.AddDeliveryDeduplication();
builder.AddSlackChannel();
builder.AddWebPage();

var app = builder.Build();
app.UseManagement();
app.UseCorrelation();
app.UseRequestProtection();
app.MapHealth();
app.MapMetrics();
app.MapAskApi();
app.MapFixedAnswerEndpoint(app.Configuration);
app.MapTeams();
app.MapSlack();
app.MapWeb();
app.Run();
return 0;

/// <summary>Entry point, visible to the test host.</summary>
public partial class Program;
