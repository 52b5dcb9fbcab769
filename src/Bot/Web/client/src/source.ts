// The source view: the cleaned document, with the quoted passage highlighted and in view.
import { source, ServiceError, SourceBlock, SourceRun } from "./api";
import { textFor } from "./strings";

export async function startSource(): Promise<void> {
  const status = document.getElementById("source-status") as HTMLParagraphElement;
  const article = document.getElementById("source-document") as HTMLElement;
  const heading = document.getElementById("source-heading") as HTMLHeadingElement;
  const query = new URLSearchParams(location.search);
  const documentName = query.get("document") ?? "";
  const quote = query.get("quote") ?? "";

  let reply;
  try {
    reply = await source(documentName, quote);
  } catch (error) {
    status.setAttribute("role", "alert");
    status.textContent = error instanceof ServiceError
      ? error.kind === "offline" ? textFor(navigator.language).offline
      : error.kind === "server" ? textFor(navigator.language).server
      : error.detail
      : textFor(navigator.language).server;
    return;
  }

  heading.textContent = `Source: ${reply.document}`;
  document.title = `${reply.document} – IOM South America assistant`;
  status.textContent = !quote ? "" : reply.found ? "The quoted passage is highlighted." : "The quoted passage was not found in this document.";
  for (const section of reply.sections) {
    const part = document.createElement("section");
    const title = document.createElement("h2");
    title.textContent = section.title;
    part.append(title);
    for (const block of section.blocks) part.append(renderBlock(block));
    article.append(part);
  }
  const first = article.querySelector("mark");
  if (first instanceof HTMLElement) {
    // Focusable so keyboard and screen reader users land on the passage too.
    first.tabIndex = -1;
    first.id = "quote";
    first.scrollIntoView({ block: "center" });
    first.focus({ preventScroll: true });
  }
}

function renderBlock(block: SourceBlock): HTMLElement {
  if (block.kind === "list") {
    const list = document.createElement("ul");
    for (const line of block.lines) {
      const item = document.createElement("li");
      item.append(...line.map(renderRun));
      list.append(item);
    }
    return list;
  }
  const paragraph = document.createElement("p");
  if (block.kind === "figure") paragraph.className = "figure";
  block.lines.forEach((line, i) => {
    if (i > 0) paragraph.append(document.createElement("br"));
    paragraph.append(...line.map(renderRun));
  });
  return paragraph;
}

function renderRun(run: SourceRun): Node {
  if (!run.marked) return document.createTextNode(run.text);
  const mark = document.createElement("mark");
  mark.textContent = run.text;
  return mark;
}
