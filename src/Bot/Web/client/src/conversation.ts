// The conversation view: questions in, Adaptive Cards out, errors as messages in the thread.
import { Answer, askForCard, sendFeedback, ServiceError, welcomeCard } from "./api";
import { renderCard, SubmitData } from "./cards";
import { PageText, textFor } from "./strings";

const locale = navigator.language || "en";

export function startConversation(): void {
  const thread = document.getElementById("conversation") as HTMLOListElement;
  const form = document.getElementById("ask-form") as HTMLFormElement;
  const input = document.getElementById("question") as HTMLInputElement;
  const button = document.getElementById("ask-button") as HTMLButtonElement;

  // The context of the last answer, sent back so "and how many projects?" refers to it.
  let context: object | null = null;
  // The language of the last reply, for the page's own messages.
  let language = locale;
  let busy = false;

  const turn = (role: "user" | "bot" | "error", lang?: string): HTMLLIElement => {
    const item = document.createElement("li");
    item.className = `turn turn-${role}`;
    if (lang) item.lang = lang;
    const who = document.createElement("p");
    who.className = "speaker";
    const text = textFor(lang ?? language);
    who.textContent = role === "user" ? text.you : text.assistant;
    item.append(who);
    thread.append(item);
    return item;
  };

  const showError = (error: unknown, question: string, text: PageText) => {
    const item = turn("error");
    item.setAttribute("role", "alert");
    const message = document.createElement("p");
    if (error instanceof ServiceError) {
      message.textContent =
        error.kind === "offline" ? text.offline
        : error.kind === "too-many" ? (error.retryAfterSeconds ? text.tooManyWait(error.retryAfterSeconds) : text.tooMany)
        : error.kind === "bad-request" ? `${text.badRequest} ${error.detail}`
        : text.server;
    } else {
      message.textContent = text.server;
    }
    item.append(message);
    if (question && !(error instanceof ServiceError && error.kind === "bad-request")) {
      const retry = document.createElement("button");
      retry.type = "button";
      retry.className = "retry";
      retry.textContent = text.retry;
      retry.addEventListener("click", () => { item.remove(); void ask(question, false); });
      item.append(retry);
    }
  };

  // The card's own source, then each other document its facts quote, so every fact can be checked.
  const sourceLinks = (answer: Answer, text: PageText): HTMLElement => {
    const paragraph = document.createElement("p");
    paragraph.className = "source-link";
    const where = answer.source.section ? `${answer.source.document}, ${answer.source.section}` : answer.source.document;
    const links = [{ document: answer.source.document, quote: answer.source.quote, where }];
    for (const fact of answer.facts)
      if (fact.document && !links.some(l => l.document === fact.document))
        links.push({ document: fact.document, quote: fact.quote, where: fact.document });
    links.forEach((target, i) => {
      if (i > 0) paragraph.append(document.createElement("br"));
      const link = document.createElement("a");
      link.href = `/source?${new URLSearchParams({ document: target.document, quote: target.quote })}`;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      link.textContent = `${text.openSource}: ${target.where}`;
      const hint = document.createElement("span");
      hint.className = "visually-hidden";
      hint.textContent = ` ${text.newTab}`;
      link.append(hint);
      paragraph.append(link);
    });
    return paragraph;
  };

  const onSubmit = (item: HTMLElement) => (data: SubmitData) => {
    if (data.action === "ask" && typeof data.question === "string")
      void ask(data.question, true);
    else if (data.action === "feedback")
      void feedback(item, data);
  };

  const feedback = async (item: HTMLElement, data: SubmitData) => {
    const status = item.querySelector(".feedback-status") ?? item.appendChild(Object.assign(document.createElement("p"), { className: "feedback-status" }));
    status.setAttribute("role", "status");
    try {
      status.textContent = (await sendFeedback(data)).message;
    } catch (error) {
      const text = textFor(item.lang || language);
      status.textContent = error instanceof ServiceError && error.kind === "offline" ? text.offline : text.server;
    }
  };

  const ask = async (question: string, showQuestion: boolean) => {
    if (busy) return;
    busy = true;
    button.disabled = true;
    if (showQuestion) {
      const mine = turn("user");
      const text = document.createElement("p");
      text.className = "question-text";
      text.textContent = question;
      mine.append(text);
    }
    const pending = turn("bot");
    pending.setAttribute("aria-busy", "true");
    pending.append(Object.assign(document.createElement("p"), { className: "thinking", textContent: textFor(language).thinking }));
    try {
      const { card, reply } = await askForCard(question, locale, context);
      pending.remove();
      language = reply.language;
      if (reply.answer) context = reply.answer.context;
      const item = turn("bot", reply.language);
      item.append(renderCard(card, onSubmit(item)));
      if (reply.answer) item.append(sourceLinks(reply.answer, textFor(reply.language)));
      item.scrollIntoView({ block: "nearest" });
    } catch (error) {
      pending.remove();
      showError(error, question, textFor(language));
    } finally {
      busy = false;
      button.disabled = false;
    }
  };

  // The question box is where a visitor starts typing.
  input.focus();

  form.addEventListener("submit", event => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) { input.focus(); return; }
    input.value = "";
    void ask(question, true);
  });

  void (async () => {
    try {
      const welcome = await welcomeCard(locale);
      const item = turn("bot", welcome.language);
      item.append(renderCard(welcome.card, onSubmit(item)));
    } catch (error) {
      showError(error, "", textFor(language));
    }
    // A question in the address (from the knowledge view's "Ask about this") is asked at once.
    const asked = new URLSearchParams(location.search).get("q");
    if (asked && asked.trim()) void ask(asked.trim().slice(0, 2000), true);
  })();
}
