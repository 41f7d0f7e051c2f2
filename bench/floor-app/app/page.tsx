import { Composer } from "./composer";

// Rendered per request, like every page of the app (its CSP nonce makes them dynamic).
export const dynamic = "force-dynamic";

/** A bare page with the two things section 3's "ready" waits for: the marker text and an enabled #chat-composer. */
export default function Page() {
  return (
    <main style={{ maxWidth: 720, margin: "0 auto", padding: 16 }}>
      <h1>Gateway Studio</h1>
      <p>Short question s0000?</p>
      <p>Short answer s0001.</p>
      <Composer />
    </main>
  );
}
