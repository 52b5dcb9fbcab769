// The knowledge view: every office, country, strategy area and topic, with a filter box.
import { ServiceError, Topic, topics } from "./api";
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
  const container = document.getElementById("topics") as HTMLDivElement;
  const filter = document.getElementById("topic-filter") as HTMLInputElement;
  const count = document.getElementById("topic-count") as HTMLParagraphElement;

  let all: Topic[];
  try {
    all = (await topics()).topics;
  } catch (error) {
    const text = textFor(navigator.language);
    count.setAttribute("role", "alert");
    count.textContent = error instanceof ServiceError && error.kind === "offline" ? text.offline : text.server;
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
