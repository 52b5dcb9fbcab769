// Renders the server's Adaptive Cards with the official renderer, as Teams would show them.
import * as AC from "adaptivecards";

// Colours chosen for at least 4.5:1 contrast on the card background (WCAG AA). Button titles
// wrap instead of being cut, and on a phone the buttons stack full width so each is readable.
const hostConfig = (narrow: boolean) => new AC.HostConfig({
  fontFamily: "system-ui, 'Segoe UI', Roboto, sans-serif",
  supportsInteractivity: true,
  containerStyles: {
    default: {
      backgroundColor: "#FFFFFF",
      foregroundColors: {
        default: { default: "#1F1F1F", subtle: "#595959" },
        accent: { default: "#005A9E", subtle: "#005A9E" },
        good: { default: "#1B6E1B", subtle: "#1B6E1B" },
        warning: { default: "#7A4D00", subtle: "#7A4D00" },
        attention: { default: "#B00020", subtle: "#B00020" },
      },
    },
    emphasis: {
      backgroundColor: "#F2F4F7",
      foregroundColors: {
        default: { default: "#1F1F1F", subtle: "#525252" },
        accent: { default: "#004C87", subtle: "#004C87" },
      },
    },
  },
  actions: {
    actionsOrientation: narrow ? "vertical" : "horizontal",
    actionAlignment: narrow ? "stretch" : "left",
    allowTitleToWrap: true,
    buttonSpacing: 8,
    maxActions: 6,
    showCard: { actionMode: "inline" },
  },
  spacing: { small: 4, default: 8, medium: 16, large: 24, extraLarge: 32, padding: 12 },
});

/** What a card's Action.Submit button carries: ask a follow-up, or give feedback. */
export type SubmitData = Record<string, unknown>;

export function renderCard(json: object, onSubmit: (data: SubmitData) => void): HTMLElement {
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig(window.matchMedia("(max-width: 30rem)").matches);
  card.onExecuteAction = action => {
    if (action instanceof AC.SubmitAction && action.data && typeof action.data === "object")
      onSubmit(action.data as SubmitData);
  };
  card.parse(json);
  const element = card.render();
  if (!element)
    throw new Error("The card could not be rendered.");
  element.classList.add("answer-card");
  return element;
}
