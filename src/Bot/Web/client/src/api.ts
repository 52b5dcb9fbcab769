// Calls to the app's own endpoints. Every failure becomes a ServiceError the views can show:
// the page never goes blank because the server is down or refused a request.

export type ErrorKind = "offline" | "bad-request" | "too-many" | "not-found" | "server";

export class ServiceError extends Error {
  constructor(readonly kind: ErrorKind, readonly detail: string, readonly retryAfterSeconds?: number) {
    super(detail);
  }
}

export interface Fact { label: string; value: string; document: string; quote: string }
export interface SourceRef { document: string; section: string; quote: string }
export interface Answer {
  kind: string;
  title: string;
  text: string;
  facts: Fact[];
  source: SourceRef;
  score: number;
  context: Record<string, unknown>;
}
export interface AskReply { answer: Answer | null; suggestions: string[]; language: string }
export interface CardReply { card: object; fallbackText: string; reply: AskReply }
export interface WelcomeReply { card: object; fallbackText: string; language: string }
export interface FeedbackReply { message: string }
export interface Topic { id: string; kind: string; title: string; summary: string }
export interface TopicsReply { topics: Topic[] }
export interface FoundFact { attribute: string; label: string; value: string; quote: string; shown: boolean }
export interface FoundEntity { kind: string; name: string; summary: string; card: string; cardTitle: string; curated: boolean; facts: FoundFact[] }
export interface DocumentFindings { document: string; entities: FoundEntity[] }
export interface FindingsReply { documents: DocumentFindings[]; total: number }
export interface SourceRun { text: string; marked: boolean }
export interface SourceBlock { kind: "paragraph" | "list" | "figure"; lines: SourceRun[][] }
export interface SourceSection { title: string; blocks: SourceBlock[] }
export interface SourceReply { document: string; found: boolean; sections: SourceSection[] }

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: "application/json", ...(init?.headers ?? {}) } });
  } catch {
    throw new ServiceError("offline", "The assistant cannot be reached.");
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // A proxy's HTML error page or an empty body: the status alone says what happened.
  }
  if (response.ok && body !== null)
    return body as T;
  const detail = typeof (body as { error?: unknown })?.error === "string" ? (body as { error: string }).error : `HTTP ${response.status}`;
  if (response.status === 429) {
    const retry = Number(response.headers.get("Retry-After"));
    throw new ServiceError("too-many", detail, Number.isFinite(retry) && retry > 0 ? retry : undefined);
  }
  if (response.status === 404)
    throw new ServiceError("not-found", detail);
  if (response.status >= 400 && response.status < 500)
    throw new ServiceError("bad-request", detail);
  throw new ServiceError("server", detail);
}

const postJson = <T>(url: string, body: unknown) =>
  request<T>(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

export const askForCard = (question: string, locale: string, context: object | null) =>
  postJson<CardReply>("/api/card", { question, locale, context });

export const welcomeCard = (locale: string) =>
  request<WelcomeReply>(`/api/welcome?locale=${encodeURIComponent(locale)}`);

export const sendFeedback = (data: object) => postJson<FeedbackReply>("/api/feedback", data);

export const topics = () => request<TopicsReply>("/api/topics");

export const findings = () => request<FindingsReply>("/api/findings");

export const source = (document: string, quote: string) =>
  request<SourceReply>(`/api/source?document=${encodeURIComponent(document)}&quote=${encodeURIComponent(quote)}`);
