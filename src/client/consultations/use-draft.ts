// Keeps a capture form's state in IndexedDB as it is typed, so a reload, a crash or an update never loses it.
import { useEffect, useRef, useState } from "preact/hooks";
import { type Draft, database } from "../db/database";
import { onBeforeUpdate } from "../ui/update-banner";

export type FormState = Required<Omit<Draft, "key">>;

export const EMPTY_FORM: FormState = {
  themeId: "",
  workshopId: "",
  answers: {},
  freeText: "",
  consent: false,
  assisted: false,
  demographics: {},
  media: [],
};

/** `initial` fills the form when no draft was kept (e.g. the rejected input being corrected). */
export function useDraft(
  key: string,
  initial: FormState = EMPTY_FORM,
): [FormState, (next: FormState) => void, (next: FormState) => void] {
  const [form, setForm] = useState<FormState>(initial);
  const touched = useRef(false);
  const latest = useRef(form);
  latest.current = form;

  useEffect(() => {
    touched.current = false;
    const db = database();
    void db.drafts.get(key).then((saved) => {
      // A draft that arrives after the person started typing must not overwrite them.
      if (saved && !touched.current) {
        const { key: _key, ...state } = saved;
        // Drafts kept by an older version lack the newer fields.
        setForm({ ...EMPTY_FORM, ...state });
      }
    });
    // Writes are already made on every change; this waits for the last one before an update reloads.
    return onBeforeUpdate(async () => {
      if (touched.current) await db.drafts.put({ key, ...latest.current });
    });
  }, [key]);

  /** A change the person made: shown and kept. */
  const edit = (next: FormState) => {
    touched.current = true;
    setForm(next);
    // A draft that cannot be kept (a full disk) must not disturb typing; saving will say what is wrong.
    database()
      .drafts.put({ key, ...next })
      .catch(() => undefined);
  };
  /** A change the app made (e.g. after saving): shown only; the stored draft was handled with the save. */
  const replace = (next: FormState) => {
    touched.current = false;
    setForm(next);
  };
  return [form, edit, replace];
}
