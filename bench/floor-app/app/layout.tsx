// The floor page's root layout: Next's own, nothing of ours (see bench/lib/floor.mjs).
export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: "ui-sans-serif, system-ui, sans-serif", margin: 0 }}>{children}</body>
    </html>
  );
}
