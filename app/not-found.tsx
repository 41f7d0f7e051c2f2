import Link from "next/link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md space-y-3 p-10 text-center">
      <h1 className="text-lg font-semibold">Page not found</h1>
      <p className="text-sm text-muted">There is nothing at this address.</p>
      <Link href="/chat" className="inline-block rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg">
        Go to Chat
      </Link>
    </div>
  );
}
