import { ChatSidebar } from "@/components/chat/chat-sidebar";

/** The sidebar stays mounted while the reader moves between conversations. */
export default function ChatLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex h-full min-h-0">
      <ChatSidebar />
      {children}
    </div>
  );
}
