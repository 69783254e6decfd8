// The form under each section of the current version: a comment, or an amendment with the proposed wording. On a
// facilitator's enrolled phone it is kept on the phone and leaves through the outbox as a signed mutation (it works
// offline for days); anywhere else it is sent at once, without an account, like an information request.
import { useEffect, useState } from "preact/hooks";
import { uuidv7 } from "uuidv7";
import { COMMENT_KINDS, DRAFT_LIMITS, type DraftView } from "../../domain/drafts";
import { Problem } from "../../domain/problem";
import type { StoredInput } from "../db/database";
import { loadDatabase } from "../db/lazy-live-query";
import { useI18n } from "../i18n/i18n";
import { type Notice, NoticeLine } from "../ui/notice-line";

type Kind = (typeof COMMENT_KINDS)[number];

export interface FieldPhone {
  deviceId: string;
  /** Inputs captured on this phone for the draft's consultation, which a comment may cite. */
  inputs: StoredInput[];
}

/**
 * The enrolled identity of this phone and its inputs for the consultation that feeds the draft; null on a phone
 * that is not enrolled; undefined while that is being read (the form waits: it must not go the wrong way).
 */
export function useFieldPhone(consultationId: string | null): FieldPhone | null | undefined {
  const [phone, setPhone] = useState<FieldPhone | null>();
  useEffect(() => {
    let live = true;
    void (async () => {
      const { settings } = await import("../storage/settings");
      const identity = await settings.getIdentity().catch(() => undefined);
      if (!identity) {
        if (live) setPhone(null);
        return;
      }
      // Only inputs sent or on their way can be cited: one the server refused may never arrive.
      const inputs = consultationId
        ? await (await loadDatabase()).inputs
            .where("consultationId")
            .equals(consultationId)
            .filter((input) => input.syncState === "sent" || input.syncState === "pending")
            .toArray()
            .catch(() => [])
        : [];
      if (live) setPhone({ deviceId: identity.deviceId, inputs });
    })();
    return () => {
      live = false;
    };
  }, [consultationId]);
  return phone;
}

export function CommentForm({
  draft,
  sectionId,
  sectionText,
  phone,
  onSent,
}: {
  draft: DraftView;
  sectionId: string;
  sectionText: string;
  phone: FieldPhone | null | undefined;
  onSent: () => void;
}) {
  const { t, formatDateTime } = useI18n();
  const [kind, setKind] = useState<Kind>("comment");
  const [text, setText] = useState("");
  const [proposed, setProposed] = useState(sectionText);
  const [cited, setCited] = useState<string[]>([]);
  const [invalid, setInvalid] = useState<Set<"text" | "proposed">>(new Set());
  const [say, setSay] = useState<Notice>();
  const [busy, setBusy] = useState(false);
  // One id per comment being written: a re-send after a lost answer is the same comment.
  const [id, setId] = useState(uuidv7);
  const field = (name: string) => `c-${sectionId}-${name}`;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || phone === undefined) return;
    const wrong = new Set<"text" | "proposed">();
    if (text.trim().length < 5) wrong.add("text");
    if (kind === "amendment" && proposed.trim().length === 0) wrong.add("proposed");
    setInvalid(wrong);
    setSay(undefined);
    if (wrong.size > 0) return;
    const comment = {
      id,
      sectionId,
      kind,
      text: text.trim(),
      ...(kind === "amendment" ? { proposedText: proposed.trim() } : {}),
      ...(cited.length > 0 ? { inputIds: cited } : {}),
    };
    setBusy(true);
    try {
      if (phone) {
        const { saveDraftCommentWithMutation } = await import("../db/outbox");
        const saved = await saveDraftCommentWithMutation(
          await loadDatabase(),
          {
            ...comment,
            draftId: draft.id,
            deviceId: phone.deviceId,
            readVersion: draft.version,
            createdAt: new Date().toISOString(),
          },
          uuidv7(),
        ).then(
          () => true,
          () => false,
        );
        // Storage full or blocked: said plainly, and the words stay in the form.
        if (!saved) return setSay({ key: "drafting.form.storage", error: true });
        const { requestSync } = await import("../sync/sync-status");
        requestSync();
        setSay({ key: "drafting.form.kept", error: false });
      } else {
        const response = await fetch(`/api/v1/public/drafts/${draft.id}/comments`, {
          method: "POST",
          headers: { "content-type": "application/json", accept: "application/json" },
          body: JSON.stringify(comment),
        }).catch(() => undefined);
        if (!response) return setSay({ key: "drafting.form.offline", error: true });
        if (!response.ok) {
          // Public code reads the answer itself: staff-json is staff-only (never precached, sw/precache-globs.ts).
          const problem = Problem.safeParse(await response.json().catch(() => undefined));
          return setSay({
            key:
              problem.success && problem.data.status === 404
                ? "drafting.form.closed"
                : "drafting.form.failed",
            error: true,
          });
        }
        setSay({ key: "drafting.form.sent", error: false });
      }
      setText("");
      setKind("comment");
      setProposed(sectionText);
      setCited([]);
      setId(uuidv7());
      onSent();
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="comment-form">
      <summary>{t("drafting.form.open")}</summary>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <fieldset class="field">
          <legend>{t("drafting.form.kind")}</legend>
          {COMMENT_KINDS.map((option) => (
            <label key={option} class="choice">
              <input
                type="radio"
                name={field("kind")}
                value={option}
                checked={kind === option}
                onChange={() => setKind(option)}
              />
              {t(option === "comment" ? "drafting.form.comment" : "drafting.form.amendment")}
            </label>
          ))}
        </fieldset>
        <div class="field">
          <label for={field("text")}>
            {t(kind === "comment" ? "drafting.form.text" : "drafting.form.reason")}
          </label>
          <p id={field("hint")} class="hint">
            {t("drafting.form.textHint")}
          </p>
          <textarea
            id={field("text")}
            rows={4}
            maxLength={DRAFT_LIMITS.comment}
            value={text}
            aria-invalid={invalid.has("text")}
            aria-describedby={invalid.has("text") ? `${field("hint")} ${field("text-error")}` : field("hint")}
            onInput={(e) => setText(e.currentTarget.value)}
          />
          {invalid.has("text") ? (
            <p id={field("text-error")} class="error-text">
              {t("drafting.form.tooShort")}
            </p>
          ) : null}
        </div>
        {kind === "amendment" ? (
          <div class="field">
            <label for={field("proposed")}>{t("drafting.form.proposed")}</label>
            <textarea
              id={field("proposed")}
              rows={6}
              maxLength={DRAFT_LIMITS.text}
              value={proposed}
              aria-invalid={invalid.has("proposed")}
              aria-describedby={invalid.has("proposed") ? field("proposed-error") : undefined}
              onInput={(e) => setProposed(e.currentTarget.value)}
            />
            {invalid.has("proposed") ? (
              <p id={field("proposed-error")} class="error-text">
                {t("drafting.form.proposedMissing")}
              </p>
            ) : null}
          </div>
        ) : null}
        {phone && phone.inputs.length > 0 ? (
          <fieldset class="field">
            <legend>{t("drafting.form.inputs")}</legend>
            {phone.inputs.slice(-DRAFT_LIMITS.citedInputs).map((input) => (
              <label key={input.id} class="choice">
                <input
                  type="checkbox"
                  checked={cited.includes(input.id)}
                  onChange={(e) =>
                    setCited((now) =>
                      e.currentTarget.checked ? [...now, input.id] : now.filter((x) => x !== input.id),
                    )
                  }
                />
                {inputLabel(input, formatDateTime)}
              </label>
            ))}
          </fieldset>
        ) : null}
        <NoticeLine notice={say} />
        <button type="submit" class="button button-primary" disabled={busy || phone === undefined}>
          {busy ? t("drafting.form.sending") : t(phone ? "drafting.form.keep" : "drafting.form.send")}
        </button>
      </form>
    </details>
  );
}

/** An input as its facilitator recognises it: when it was taken and the first words it holds. */
function inputLabel(input: StoredInput, formatDateTime: (iso: string) => string): string {
  const words =
    input.freeText?.trim() ||
    Object.values(input.answers)
      .map((answer) => (typeof answer === "string" ? answer : ""))
      .find((answer) => answer.trim().length > 0) ||
    "";
  const excerpt = words.length > 60 ? `${words.slice(0, 59)}…` : words;
  return excerpt ? `${formatDateTime(input.createdAt)} — ${excerpt}` : formatDateTime(input.createdAt);
}
