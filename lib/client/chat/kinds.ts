import type { ModelInfo } from "@/lib/schemas";

/**
 * The model kinds the chat page can use (a module constant: ModelPicker compares it by reference). Its own
 * module, so the chat page's first load does not carry settings.ts's explanations with it.
 */
export const CHAT_KINDS: ModelInfo["kind"][] = ["chat", "chat-image"];
