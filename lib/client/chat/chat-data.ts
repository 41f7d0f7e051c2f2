/**
 * The chat pages' data code in one module: the controller, the storage calls the sidebar makes and the IndexedDB
 * helpers the views use. Chat components load it only through `loadChatData()` (load-chat-data.ts).
 */
export * from "./controller";
export { deleteConversation, listConversations, restoreConversation, searchConversations, updateConversation } from "./storage";
export { getBlob, newId, onOtherTabChange } from "@/lib/client/db";
