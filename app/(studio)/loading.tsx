export default function Loading() {
  return (
    <div className="space-y-3 p-6" role="status" aria-label="Loading">
      <div className="h-6 w-40 animate-pulse rounded bg-subtle" />
      <div className="h-24 animate-pulse rounded bg-subtle" />
    </div>
  );
}
