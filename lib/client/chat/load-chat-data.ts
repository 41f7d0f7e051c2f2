/**
 * The one way chat components load the chat's data code after the first paint: the controller with the storage
 * layer (idb), the stream reader and the history builder, none of which an empty chat needs to show itself.
 * Turbopack gives every `import()` target its own chunk of everything it needs that the page has not already
 * loaded: when the sidebar imported storage, the view the controller and both imported db, one page load fetched
 * the storage and IndexedDB code up to four times. Through this one entry it comes in one chunk.
 */
export const loadChatData = () => import("./chat-data");
