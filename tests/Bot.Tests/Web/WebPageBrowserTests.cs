using IomAssistant.Bot.Conversation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace IomAssistant.Bot.Tests.Web;

/// <summary>The page as a person uses it, in headless Chromium against the real app.</summary>
public class WebPageBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string StaffQuestion = "How many staff work at the Regional Office for South America?";

    /// <summary>A fresh browser tab that records every console error and uncaught exception.</summary>
    private sealed record Tab(IBrowserContext Context, IPage Page, List<string> Errors) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await Context.DisposeAsync();
    }

    private async Task<Tab> OpenAsync(string path, int width = 1280, int height = 900)
    {
        Skip.IfNot(BrowserFixture.ChromiumInstalled, BrowserFixture.SkipReason);
        var context = await fixture.Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        Watch(page, errors);
        context.Page += (_, popup) => Watch(popup, errors);
        await page.GotoAsync(fixture.BaseUrl + path);
        return new Tab(context, page, errors);
    }

    private static void Watch(IPage page, List<string> errors)
    {
        page.Console += (_, message) => { if (message.Type == "error") errors.Add(message.Text); };
        page.PageError += (_, error) => errors.Add(error);
    }

    private static void NoConsoleErrors(Tab tab) =>
        Assert.True(tab.Errors.Count == 0, "Console errors: " + string.Join(" | ", tab.Errors));

    private static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, name + ".png"), FullPage = true });

    private static async Task<ILocator> AskAsync(IPage page, string question)
    {
        var answers = page.Locator("#conversation .turn-bot .answer-card");
        var before = await answers.CountAsync();
        await page.GetByLabel("Your question").FillAsync(question);
        await page.GetByLabel("Your question").PressAsync("Enter");
        await Expect(answers).ToHaveCountAsync(before + 1);
        return page.Locator("#conversation .turn-bot").Last;
    }

    private static async Task WelcomeShownAsync(IPage page) =>
        await Expect(page.Locator("#conversation .turn-bot .answer-card")).ToHaveCountAsync(1);

    [SkippableFact]
    public async Task Asking_about_staff_shows_a_card_with_515()
    {
        await using var tab = await OpenAsync("/");
        await WelcomeShownAsync(tab.Page);
        var answer = await AskAsync(tab.Page, StaffQuestion);

        await Expect(answer.Locator(".answer-card")).ToContainTextAsync("515");
        await Expect(answer.Locator(".answer-card")).ToContainTextAsync("Source: iom-ro-south-america.txt");
        await Expect(tab.Page.Locator("#conversation .turn-user").Last).ToContainTextAsync(StaffQuestion);
        await ScreenshotAsync(tab.Page, "ask-staff-515");
        NoConsoleErrors(tab);
    }

    [SkippableFact]
    public async Task A_spanish_question_gets_spanish_labels()
    {
        await using var tab = await OpenAsync("/");
        await WelcomeShownAsync(tab.Page);
        var answer = await AskAsync(tab.Page, "¿Cuántos funcionarios tiene la oficina regional?");

        await Expect(answer).ToHaveAttributeAsync("lang", "es");
        await Expect(answer.Locator(".answer-card")).ToContainTextAsync("Fuente:");
        await Expect(answer.Locator(".answer-card")).ToContainTextAsync("¿Le resultó útil?");
        await Expect(answer.GetByRole(AriaRole.Button, new() { Name = "👍 Útil" })).ToBeVisibleAsync();
        await Expect(answer.GetByRole(AriaRole.Link, new() { NameRegex = new("^Abrir la fuente") })).ToBeVisibleAsync();
        await ScreenshotAsync(tab.Page, "ask-spanish-labels");
        NoConsoleErrors(tab);
    }

    [SkippableFact]
    public async Task Clicking_a_suggestion_asks_it_and_shows_the_new_answer()
    {
        await using var tab = await OpenAsync("/");
        await WelcomeShownAsync(tab.Page);
        var cards = tab.Page.Locator("#conversation .turn-bot .answer-card");

        await tab.Page.GetByRole(AriaRole.Button, new() { Name = "Who coordinates the IOM mission in Guyana?" }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(2);
        await Expect(tab.Page.Locator("#conversation .turn-user").Last).ToContainTextAsync("Who coordinates the IOM mission in Guyana?");
        await Expect(cards.Last).ToContainTextAsync("Guyana");

        // A follow-up button of an answer card asks with the answer's context.
        await AskAsync(tab.Page, StaffQuestion);
        await tab.Page.Locator("#conversation .turn-bot").Last.GetByRole(AriaRole.Button, new() { NameRegex = new("^Projects") }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(4);
        await Expect(cards.Last).ToContainTextAsync("169");
        await ScreenshotAsync(tab.Page, "suggestion-clicked");
        NoConsoleErrors(tab);
    }

    [SkippableFact]
    public async Task The_source_link_opens_the_document_with_the_quote_highlighted_in_view()
    {
        await using var tab = await OpenAsync("/");
        await WelcomeShownAsync(tab.Page);
        var answer = await AskAsync(tab.Page, "What does IOM do about climate change?");

        var source = await tab.Page.RunAndWaitForPopupAsync(() =>
            answer.GetByRole(AriaRole.Link, new() { NameRegex = new("^Open the source") }).ClickAsync());
        await source.WaitForLoadStateAsync();
        var quote = source.Locator("mark").First;
        await Expect(quote).ToBeVisibleAsync();
        await Expect(quote).ToBeInViewportAsync();
        await Expect(quote).ToBeFocusedAsync();
        await Expect(source.Locator("#source-status")).ToHaveTextAsync("The quoted passage is highlighted.");
        await Expect(source.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Source: iom-ro-south-america.txt");
        Assert.Contains("climate", (await source.Locator("mark").AllTextContentsAsync()).Aggregate("", string.Concat), StringComparison.OrdinalIgnoreCase);
        await source.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsFolder, "source-quote-highlighted.png") });
        NoConsoleErrors(tab);
    }

    [SkippableFact]
    public async Task The_knowledge_view_lists_the_six_strategy_areas_and_filters()
    {
        await using var tab = await OpenAsync("/knowledge");
        var strategy = tab.Page.Locator("section.topic-group[data-kind=strategy]");
        await Expect(strategy.Locator("li.topic-card")).ToHaveCountAsync(6);
        await Expect(strategy.GetByRole(AriaRole.Heading, new() { Level = 2 })).ToHaveTextAsync("Strategy areas (6)");
        await Expect(tab.Page.Locator("section.topic-group[data-kind=office] li.topic-card").First).ToBeVisibleAsync();
        await Expect(tab.Page.Locator("section.topic-group[data-kind=country] li.topic-card").First).ToBeVisibleAsync();
        await ScreenshotAsync(tab.Page, "knowledge-view");

        await tab.Page.GetByLabel("Filter").FillAsync("peru");
        await Expect(tab.Page.Locator("li.topic-card:visible").First).ToContainTextAsync("Peru");
        await Expect(strategy).ToBeHiddenAsync();
        await tab.Page.GetByLabel("Filter").FillAsync("zzzz nothing");
        await Expect(tab.Page.Locator("#topic-count")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^0 of \\d+ shown$"));
        NoConsoleErrors(tab);
    }

    [SkippableFact]
    public async Task The_knowledge_view_shows_what_each_document_holds_with_quotes_linked_to_the_source()
    {
        await using var tab = await OpenAsync("/knowledge");
        var brochure = tab.Page.Locator("details.findings").Filter(new() { HasText = "iom-ro-south-america.txt" });
        await Expect(brochure).ToHaveCountAsync(1);
        await Expect(tab.Page.Locator("#findings-count")).ToHaveTextAsync("1 document");

        await brochure.Locator("summary").ClickAsync();
        var quote = brochure.GetByRole(AriaRole.Link, new() { Name = "“515 Staff”" });
        await Expect(quote).ToBeVisibleAsync();
        await ScreenshotAsync(tab.Page, "knowledge-findings");
        await quote.ClickAsync();
        await Expect(tab.Page.Locator("mark").First).ToContainTextAsync("515");
        NoConsoleErrors(tab);
    }

    [SkippableFact]
    public async Task Server_errors_show_as_messages_in_the_conversation()
    {
        await using var tab = await OpenAsync("/");
        await WelcomeShownAsync(tab.Page);
        var alerts = tab.Page.Locator("#conversation .turn-error[role=alert]");

        await tab.Page.RouteAsync("**/api/card", route => route.FulfillAsync(new()
        {
            Status = 429, ContentType = "application/json", Headers = new Dictionary<string, string> { ["Retry-After"] = "30" },
            Body = """{"error": "Too many requests: please wait a moment and try again."}""",
        }));
        await tab.Page.GetByLabel("Your question").FillAsync(StaffQuestion);
        await tab.Page.GetByLabel("Your question").PressAsync("Enter");
        await Expect(alerts.Last).ToContainTextAsync("Please try again in 30 seconds.");

        await tab.Page.UnrouteAllAsync();
        await tab.Page.RouteAsync("**/api/card", route => route.FulfillAsync(new() { Status = 400, ContentType = "application/json", Body = """{"error": "\"question\" must not be empty."}""" }));
        await tab.Page.GetByLabel("Your question").FillAsync("x");
        await tab.Page.GetByLabel("Your question").PressAsync("Enter");
        await Expect(alerts.Last).ToContainTextAsync("The question could not be sent: \"question\" must not be empty.");

        // The server is down: the request never reaches it.
        await tab.Page.UnrouteAllAsync();
        await tab.Page.RouteAsync("**/api/card", route => route.AbortAsync("connectionrefused"));
        await tab.Page.GetByLabel("Your question").FillAsync(StaffQuestion);
        await tab.Page.GetByLabel("Your question").PressAsync("Enter");
        await Expect(alerts.Last).ToContainTextAsync("The assistant cannot be reached.");
        await ScreenshotAsync(tab.Page, "errors-in-conversation");

        // Back up: "Try again" asks the same question and the answer arrives.
        await tab.Page.UnrouteAllAsync();
        await alerts.Last.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await Expect(tab.Page.Locator("#conversation .turn-bot .answer-card").Last).ToContainTextAsync("515");

        // Only the refused requests themselves are logged by the browser.
        Assert.All(tab.Errors, e => Assert.StartsWith("Failed to load resource", e));
    }

    [SkippableFact]
    public async Task On_a_phone_the_page_fits_and_works_with_the_keyboard_alone()
    {
        await using var tab = await OpenAsync("/", width: 360, height: 740);
        await WelcomeShownAsync(tab.Page);
        var question = tab.Page.GetByLabel("Your question");
        await Expect(question).ToBeFocusedAsync();

        await tab.Page.Keyboard.TypeAsync(StaffQuestion);
        await tab.Page.Keyboard.PressAsync("Enter");
        var answer = tab.Page.Locator("#conversation .turn-bot").Last;
        await Expect(answer.Locator(".answer-card")).ToContainTextAsync("515");

        // Feedback with the keyboard: the button is reachable and Enter posts it.
        var helpful = answer.GetByRole(AriaRole.Button, new() { Name = "👍 Helpful" });
        await helpful.FocusAsync();
        await tab.Page.Keyboard.PressAsync("Enter");
        await Expect(answer.Locator(".feedback-status")).ToHaveTextAsync("Thanks for your feedback.");
        var recorded = fixture.Factory.Feedback.Entries;
        Assert.Contains(recorded, e => e.Channel == "web" && e.Helpful && e.Question == StaffQuestion);

        // Nothing wider than the screen.
        var overflow = await tab.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - window.innerWidth");
        Assert.True(overflow <= 0, $"The page is {overflow}px wider than a phone screen.");

        // Focus order from the top: skip link, title, then the views.
        await tab.Page.Locator(".site-title").ClickAsync();
        await tab.Page.Keyboard.PressAsync("Tab");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Ask", Exact = true })).ToBeFocusedAsync();
        await tab.Page.Keyboard.PressAsync("Tab");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Knowledge", Exact = true })).ToBeFocusedAsync();
        await tab.Page.Keyboard.PressAsync("Shift+Tab");
        await tab.Page.Keyboard.PressAsync("Shift+Tab");
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeFocusedAsync();
        await Expect(tab.Page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" })).ToBeInViewportAsync();
        await ScreenshotAsync(tab.Page, "phone-keyboard");
        NoConsoleErrors(tab);
    }
}
