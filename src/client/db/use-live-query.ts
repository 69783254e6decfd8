// Re-renders a component whenever the IndexedDB data its query read changes (Dexie liveQuery).
import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";

export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error) => console.error("live query failed", error),
    });
    return () => subscription.unsubscribe();
  }, deps);
  return value;
}
