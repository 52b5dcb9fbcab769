// The page's own sentences (errors, links) in the languages the assistant answers in. The
// cards' labels come from the server, in the language it detected.

export interface PageText {
  you: string;
  assistant: string;
  thinking: string;
  openSource: string;
  newTab: string;
  offline: string;
  badRequest: string;
  tooMany: string;
  tooManyWait: (seconds: number) => string;
  server: string;
  retry: string;
}

const english: PageText = {
  you: "You",
  assistant: "Assistant",
  thinking: "Looking in the documents…",
  openSource: "Open the source",
  newTab: "(opens in a new tab)",
  offline: "The assistant cannot be reached. Check your connection or that the assistant is running, then try again.",
  badRequest: "The question could not be sent:",
  tooMany: "Too many questions in a short time. Please wait a moment and try again.",
  tooManyWait: s => `Too many questions in a short time. Please try again in ${s} seconds.`,
  server: "Sorry, something went wrong while answering. Please try again.",
  retry: "Try again",
};

const spanish: PageText = {
  you: "Usted",
  assistant: "Asistente",
  thinking: "Buscando en los documentos…",
  openSource: "Abrir la fuente",
  newTab: "(se abre en una pestaña nueva)",
  offline: "No se puede contactar al asistente. Revise su conexión o que el asistente esté en marcha e inténtelo de nuevo.",
  badRequest: "No se pudo enviar la pregunta:",
  tooMany: "Demasiadas preguntas en poco tiempo. Espere un momento e inténtelo de nuevo.",
  tooManyWait: s => `Demasiadas preguntas en poco tiempo. Inténtelo de nuevo en ${s} segundos.`,
  server: "Lo siento, algo falló al responder. Inténtelo de nuevo.",
  retry: "Reintentar",
};

const portuguese: PageText = {
  you: "Você",
  assistant: "Assistente",
  thinking: "Procurando nos documentos…",
  openSource: "Abrir a fonte",
  newTab: "(abre em uma nova aba)",
  offline: "Não foi possível contatar o assistente. Verifique sua conexão ou se o assistente está em execução e tente novamente.",
  badRequest: "Não foi possível enviar a pergunta:",
  tooMany: "Muitas perguntas em pouco tempo. Aguarde um momento e tente novamente.",
  tooManyWait: s => `Muitas perguntas em pouco tempo. Tente novamente em ${s} segundos.`,
  server: "Desculpe, algo deu errado ao responder. Tente novamente.",
  retry: "Tentar novamente",
};

export function textFor(language: string | null | undefined): PageText {
  const primary = (language ?? "").toLowerCase().split("-")[0];
  return primary === "es" ? spanish : primary === "pt" ? portuguese : english;
}
