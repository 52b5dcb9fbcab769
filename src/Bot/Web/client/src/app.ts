// One page, three views chosen by the address: ask (/), knowledge (/knowledge), source (/source).
import { startConversation } from "./conversation";
import { startKnowledge } from "./knowledge";
import { startSource } from "./source";

function start(): void {
  const path = location.pathname.replace(/\/+$/, "") || "/";
  const view = path === "/knowledge" ? "knowledge" : path === "/source" ? "source" : "ask";
  const section = document.getElementById(`${view}-view`);
  if (section) section.hidden = false;
  for (const link of document.querySelectorAll<HTMLAnchorElement>("nav a[data-view]"))
    if (link.dataset.view === view) link.setAttribute("aria-current", "page");
  if (view === "knowledge") void startKnowledge();
  else if (view === "source") void startSource();
  else startConversation();
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
else start();
