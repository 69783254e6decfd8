// A live query that loads the local database (Dexie, ~100 KB of script) only once it is wanted: a public screen
// that may never touch it (a citizen's first visit) keeps that work out of its first seconds.
import { useEffect, useState } from "preact/hooks";
import type { TejidoDatabase } from "./database";

/** Loads the database module and opens the app's connection. */
export const loadDatabase = (): Promise<TejidoDatabase> => import("./database").then((m) => m.database());

/** Like useLiveQuery, once `enabled`; undefined until then, and until the first answer. */
export function useLazyLiveQuery<T>(
  query: (db: TejidoDatabase) => Promise<T>,
  deps: unknown[],
  enabled = true,
): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    if (!enabled) return;
    let subscription: { unsubscribe(): void } | undefined;
    let live = true;
    void Promise.all([import("dexie"), loadDatabase()]).then(([{ liveQuery }, db]) => {
      if (!live) return;
      subscription = liveQuery(() => query(db)).subscribe({
        next: setValue,
        error: (error) => console.error("live query failed", error),
      });
    });
    return () => {
      live = false;
      subscription?.unsubscribe();
    };
  }, [enabled, ...deps]);
  return value;
}
