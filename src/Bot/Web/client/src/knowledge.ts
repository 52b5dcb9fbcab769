// The knowledge view: every office, country, strategy area and topic, with a filter box.
import { DocumentFindings, findings, ServiceError, Topic, topics } from "./api";
import { textFor } from "./strings";

const groups: { kinds: string[]; heading: string }[] = [
  { kinds: ["strategy"], heading: "Strategy areas" },
  { kinds: ["office"], heading: "Offices" },
  { kinds: ["country"], heading: "Countries" },
  { kinds: ["organization", "region", "topic"], heading: "Organization, regions and topics" },
];

// Accent- and case-insensitive, so "peru" finds "Perú".
const fold = (text: string) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();

export async function startKnowledge(): Promise<void> {
  void startFindings();

  const container = document.getElementById("topics") as HTMLDivElement;
  const filter = document.getElementById("topic-filter") as HTMLInputElement;
  const count = document.getElementById("topic-count") as HTMLParagraphElement;

  let all: Topic[];
  try {
    all = (await topics()).topics;
  } catch (error) {
    showFailure(count, error);
    return;
  }

  const entries = all.map(topic => ({ topic, element: topicCard(topic), words: fold(`${topic.title} ${topic.summary}`) }));
  const sections = groups.map(group => {
    const members = entries.filter(e => group.kinds.includes(e.topic.kind));
    const section = document.createElement("section");
    section.className = "topic-group";
    section.dataset.kind = group.kinds[0];
    const heading = document.createElement("h2");
    heading.textContent = `${group.heading} (${members.length})`;
    const list = document.createElement("ul");
    list.className = "topic-list";
    for (const member of members) list.append(member.element);
    section.append(heading, list);
    container.append(section);
    return { section, heading, members, name: group.heading };
  });

  const apply = () => {
    const wanted = fold(filter.value.trim());
    let shown = 0;
    for (const group of sections) {
      let visible = 0;
      for (const member of group.members) {
        const match = !wanted || member.words.includes(wanted);
        member.element.hidden = !match;
        if (match) visible++;
      }
      group.section.hidden = visible === 0;
      group.heading.textContent = `${group.name} (${visible})`;
      shown += visible;
    }
    count.textContent = `${shown} of ${entries.length} shown`;
  };
  filter.addEventListener("input", apply);
  apply();
}

function topicCard(topic: Topic): HTMLLIElement {
  const item = document.createElement("li");
  item.className = "topic-card";
  item.dataset.kind = topic.kind;
  const title = document.createElement("h3");
  title.textContent = topic.title;
  item.append(title);
  if (topic.summary) {
    const summary = document.createElement("p");
    summary.textContent = topic.summary;
    item.append(summary);
  }
  const ask = document.createElement("a");
  ask.href = `/?${new URLSearchParams({ q: `Tell me about ${topic.title}` })}`;
  ask.textContent = "Ask about this";
  ask.setAttribute("aria-label", `Ask about ${topic.title}`);
  item.append(ask);
  return item;
}

// The content owners' part: per document, what extraction found, each fact with its quote
// linked to the source view so it can be checked in place.
async function startFindings(): Promise<void> {
  const container = document.getElementById("findings") as HTMLDivElement;
  const count = document.getElementById("findings-count") as HTMLParagraphElement;
  let reply;
  try {
    reply = await findings();
  } catch (error) {
    showFailure(count, error);
    return;
  }
  count.textContent = reply.total > reply.documents.length
    ? `${reply.documents.length} of ${reply.total} documents shown`
    : `${reply.total} ${reply.total === 1 ? "document" : "documents"}`;
  for (const found of reply.documents) container.append(documentFindings(found));
}

function documentFindings(found: DocumentFindings): HTMLDetailsElement {
  const details = document.createElement("details");
  details.className = "findings";
  const summary = document.createElement("summary");
  const facts = found.entities.reduce((n, e) => n + e.facts.length, 0);
  summary.textContent = `${found.document}: ${found.entities.length} names, ${facts} facts`;
  details.append(summary);
  const list = document.createElement("ul");
  for (const entity of found.entities) {
    const item = document.createElement("li");
    const name = document.createElement("strong");
    name.textContent = entity.name;
    const card = document.createElement("span");
    card.className = "hint";
    card.textContent = entity.curated ? ` (${entity.kind}; adds to the catalog's card "${entity.cardTitle}")` : ` (${entity.kind}; card of its own)`;
    item.append(name, card);
    const lines = document.createElement("ul");
    if (entity.summary) lines.append(quoted("", entity.summary, found.document, true));
    for (const fact of entity.facts) lines.append(quoted(`${fact.label}: ${fact.value}`, fact.quote, found.document, fact.shown));
    item.append(lines);
    list.append(item);
  }
  details.append(list);
  return details;
}

function quoted(label: string, quote: string, documentName: string, shown: boolean): HTMLLIElement {
  const item = document.createElement("li");
  if (label) item.append(`${label} `);
  const link = document.createElement("a");
  link.href = `/source?${new URLSearchParams({ document: documentName, quote })}`;
  link.textContent = `“${quote}”`;
  item.append(link);
  if (!shown) {
    const note = document.createElement("span");
    note.className = "hint";
    note.textContent = " (not on the card: it shows another fact for this)";
    item.append(note);
  }
  return item;
}

// A request that failed: said where the list's count would be, in the browser's language.
function showFailure(status: HTMLParagraphElement, error: unknown): void {
  const text = textFor(navigator.language);
  status.setAttribute("role", "alert");
  status.textContent = error instanceof ServiceError && error.kind === "offline" ? text.offline : text.server;
}
