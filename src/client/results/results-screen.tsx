// The organizer's exports: each consultation's inputs as CSV (for Excel or not), XLSX or JSON Lines, with
// progress while the server streams them.
import "./i18n";
import { useEffect, useRef, useState } from "preact/hooks";
import { answersInOrder, answerText } from "../../domain/answer-text";
import type { Consultation } from "../../domain/consultation";
import { DISPOSITION_STATUSES, type DispositionStatus, type PublicInput } from "../../domain/dispositions";
import { localize, type UiLanguage } from "../../domain/language-codes";
import { ConsultationsAnswer, ConsultationVersions, InputsPage } from "../../domain/staff-answers";
import type { MessageKey } from "../i18n/catalogue";
import { useI18n } from "../i18n/i18n";
import { StaffGate } from "../staff/staff-gate";
import { loadStaffJson, readAnswer, type StaffLoad } from "../staff/staff-json";

interface ConsultationSummary {
  id: string;
  version: number;
  status: string;
  title: string;
  inputs: number;
}

const FORMATS = [
  { key: "csv-excel", query: "format=csv&bom=1", extension: "csv" },
  { key: "csv", query: "format=csv", extension: "csv" },
  { key: "xlsx", query: "format=xlsx", extension: "xlsx" },
  { key: "jsonl", query: "format=jsonl", extension: "jsonl" },
] as const;

type Status = { key: MessageKey; params?: Record<string, string | number>; error?: boolean };

/** Reads the download as it streams, counting rows (line ends) against X-Total-Rows. */
async function download(
  url: string,
  onProgress: (done: number, total: number, bytes: number) => void,
): Promise<Blob> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok || !response.body) throw new Error(`export answered ${response.status}`);
  const total = Number(response.headers.get("x-total-rows") ?? "0");
  const reader = response.body.getReader();
  const parts: Uint8Array[] = [];
  let lines = 0;
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.length;
    for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines += 1;
    onProgress(Math.min(lines, total), total, bytes);
  }
  return new Blob(parts as BlobPart[], {
    type: response.headers.get("content-type") ?? "application/octet-stream",
  });
}

export function ResultsScreen() {
  const { t, plural } = useI18n();
  const [loaded, setLoaded] = useState<StaffLoad<{ consultations: ConsultationSummary[] }>>({
    state: "loading",
  });
  const [status, setStatus] = useState<Record<string, Status>>({});
  const [open, setOpen] = useState<Record<string, boolean>>({});

  useEffect(() => {
    void loadStaffJson("/api/v1/organizer/consultations", ConsultationsAnswer).then(setLoaded);
  }, []);
  const state = loaded.state === "ready" ? loaded.data.consultations : loaded.state;

  async function exportAs(consultation: ConsultationSummary, format: (typeof FORMATS)[number]) {
    const say = (next: Status) => setStatus((current) => ({ ...current, [consultation.id]: next }));
    const name = `aportes-${consultation.id}.${format.extension}`;
    try {
      const blob = await download(
        `/api/v1/organizer/consultations/${consultation.id}/export?${format.query}`,
        (done, total, bytes) =>
          say(
            format.extension === "xlsx"
              ? { key: "results.progress.bytes", params: { kb: Math.round(bytes / 1024) } }
              : {
                  key: "results.progress.rows",
                  params: { done, total, percent: total ? Math.floor((100 * done) / total) : 100 },
                },
          ),
      );
      const url = URL.createObjectURL(blob);
      Object.assign(document.createElement("a"), { href: url, download: name }).click();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      say({ key: "results.done", params: { name } });
    } catch {
      say({ key: "results.failed", error: true });
    }
  }

  return (
    <section>
      <h1>{t("results.title")}</h1>
      {typeof state === "string" ? (
        <StaffGate state={state} signIn="results.signIn" offline="results.offline" />
      ) : state.length === 0 ? (
        <div class="card empty-state">
          <p>{t("results.none")}</p>
          <p>
            <a href="/disenar">{t("results.none.design")}</a>
          </p>
        </div>
      ) : (
        <ul class="list">
          {state.map((consultation) => {
            const current = status[consultation.id];
            return (
              <li key={consultation.id} class="card" data-testid="results-consultation">
                <h2>{consultation.title}</h2>
                <p>{plural("results.inputs", consultation.inputs, { version: consultation.version })}</p>
                {/* No file of headers alone: the exports appear with the first input. */}
                <div class="actions" hidden={consultation.inputs === 0}>
                  {FORMATS.map((format) => (
                    <button
                      key={format.key}
                      type="button"
                      class="button"
                      aria-label={`${t("results.export")} ${t(`results.format.${format.key}`)}: ${consultation.title}`}
                      onClick={() => void exportAs(consultation, format)}
                    >
                      {t(`results.format.${format.key}`)}
                    </button>
                  ))}
                </div>
                <details
                  class="review"
                  onToggle={(event) =>
                    setOpen((o) => ({ ...o, [consultation.id]: event.currentTarget.open }))
                  }
                >
                  <summary>{t("results.review")}</summary>
                  {open[consultation.id] ? <Review consultation={consultation} /> : null}
                </details>
                <p>
                  <a href={`/devolucion/${consultation.id}`}>{t("results.public")}</a>
                  {" · "}
                  <a href={`/resultados/${consultation.id}/tablero`}>{t("dash.open")}</a>
                </p>
                {current ? (
                  <p
                    role={current.error ? "alert" : "status"}
                    class={current.error ? "error-text" : "hint"}
                    data-testid="export-status"
                  >
                    {t(current.key, current.params)}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

/** One consultation's inputs, filtered, with checkboxes: a disposition for the chosen ones in one go. */
function Review({ consultation }: { consultation: ConsultationSummary }) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState<{ status: string; text: string }>({ status: "", text: "" });
  const [inputs, setInputs] = useState<PublicInput[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [change, setChange] = useState<{ status: DispositionStatus; reason: string; grouped: boolean }>({
    status: "incorporated",
    reason: "",
    grouped: false,
  });
  const [notice, setNotice] = useState<Status>();
  // The questions, so answers read as the consultation asked them (labels, not option ids), in order.
  const [themes, setThemes] = useState<Consultation["themes"]>([]);
  useEffect(() => {
    void loadStaffJson(
      `/api/v1/organizer/consultations/${encodeURIComponent(consultation.id)}`,
      ConsultationVersions,
    ).then((loaded) => {
      if (loaded.state === "ready") setThemes((loaded.data.current ?? loaded.data.draft)?.themes ?? []);
    });
  }, [consultation.id]);

  /** Each load takes a ticket: an answer to an older one (the first list, a search since changed) is dropped. */
  const latest = useRef(0);
  async function load(after?: string) {
    const ticket = ++latest.current;
    const query = new URLSearchParams({ limit: "100" });
    if (filter.status) query.set("status", filter.status);
    if (filter.text.trim()) query.set("q", filter.text.trim());
    if (after) query.set("after", after);
    const response = await fetch(`/api/v1/organizer/consultations/${consultation.id}/inputs?${query}`, {
      cache: "no-store",
    }).catch(() => undefined);
    if (ticket !== latest.current) return;
    if (!response?.ok) return setNotice({ key: "results.offline", error: true });
    const page = await readAnswer(response, InputsPage);
    if (ticket !== latest.current) return;
    if (!page) return setNotice({ key: "staff.unreadable", error: true });
    setInputs((current) => (after ? [...current, ...page.inputs] : page.inputs));
    setNext(page.next);
    if (!after) setChosen(new Set());
  }
  useEffect(() => {
    void load();
  }, []);

  const toggle = (id: string, on: boolean) =>
    setChosen((current) => {
      const copy = new Set(current);
      if (on) copy.add(id);
      else copy.delete(id);
      return copy;
    });

  async function apply(event: Event) {
    event.preventDefault();
    const response = await fetch(`/api/v1/organizer/consultations/${consultation.id}/dispositions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ inputIds: [...chosen], ...change }),
    }).catch(() => undefined);
    if (!response?.ok) return setNotice({ key: "results.set.failed", error: true });
    setNotice({ key: "results.set.done", params: { count: chosen.size } });
    await load();
  }

  const idFor = (name: string) => `${consultation.id}-${name}`;
  return (
    <div class="review-body">
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void load();
        }}
      >
        <div class="field">
          <label for={idFor("status")}>{t("results.filter.status")}</label>
          <select
            id={idFor("status")}
            value={filter.status}
            onChange={(e) => setFilter({ ...filter, status: e.currentTarget.value })}
          >
            <option value="">{t("results.filter.all")}</option>
            <option value="none">{t("results.filter.none")}</option>
            {DISPOSITION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`disposition.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={idFor("text")}>{t("results.filter.text")}</label>
          <input
            id={idFor("text")}
            type="search"
            value={filter.text}
            onInput={(e) => setFilter({ ...filter, text: e.currentTarget.value })}
          />
        </div>
        <button type="submit" class="button">
          {t("results.filter.apply")}
        </button>
      </form>
      <label class="choice">
        <input
          type="checkbox"
          checked={inputs.length > 0 && inputs.every((input) => chosen.has(input.id))}
          onChange={(e) =>
            setChosen(e.currentTarget.checked ? new Set(inputs.map((input) => input.id)) : new Set())
          }
        />
        {t("results.selectAll")}
      </label>
      <ul class="list">
        {inputs.map((input) => (
          <li key={input.id} data-testid="review-input" data-status={input.disposition?.status ?? "none"}>
            <label class="choice">
              <input
                type="checkbox"
                checked={chosen.has(input.id)}
                onChange={(e) => toggle(input.id, e.currentTarget.checked)}
              />
              <span>
                {[
                  ...answersInOrder(themes, input.themeId, input.answers).map(({ question, answer }) =>
                    question
                      ? `${localize(question.label, language)}: ${answerText(question, answer, language)}`
                      : answerText(undefined, answer, language),
                  ),
                  // Questions answered only by voice: said here, heard below.
                  ...(input.recordings ?? [])
                    .filter((r) => r.questionId && input.answers[r.questionId] === undefined)
                    .map(
                      (r) =>
                        `${questionLabelOf(themes, input.themeId, r.questionId!, language)}: ${t("results.recording.inline")}`,
                    ),
                ].join(" · ")}
                {input.freeText ? ` · ${input.freeText}` : ""} —{" "}
                <em>{t(`disposition.${input.disposition?.status ?? "none"}` as MessageKey)}</em>
              </span>
            </label>
            <Recordings input={input} themes={themes} />
            <WordsReview input={input} onSaved={() => void load()} />
          </li>
        ))}
      </ul>
      {next ? (
        <button type="button" class="button" onClick={() => void load(next)}>
          {t("results.more")}
        </button>
      ) : null}
      <form onSubmit={(event) => void apply(event)} noValidate>
        <p role="status">{t("results.selected", { count: chosen.size })}</p>
        <div class="field">
          <label for={idFor("set-status")}>{t("results.set.status")}</label>
          <select
            id={idFor("set-status")}
            value={change.status}
            onChange={(e) => setChange({ ...change, status: e.currentTarget.value as DispositionStatus })}
          >
            {DISPOSITION_STATUSES.map((value) => (
              <option key={value} value={value}>
                {t(`disposition.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={idFor("reason")}>{t("results.set.reason")}</label>
          <textarea
            id={idFor("reason")}
            rows={3}
            value={change.reason}
            onInput={(e) => setChange({ ...change, reason: e.currentTarget.value })}
          />
        </div>
        <label class="choice">
          <input
            type="checkbox"
            checked={change.grouped}
            onChange={(e) => setChange({ ...change, grouped: e.currentTarget.checked })}
          />
          {t("results.set.grouped")}
        </label>
        {notice ? (
          <p role={notice.error ? "alert" : "status"} class={notice.error ? "error-text" : "success"}>
            {t(notice.key, notice.params)}
          </p>
        ) : null}
        <button type="submit" class="button button-primary" disabled={chosen.size === 0}>
          {t("results.set.apply", { count: chosen.size })}
        </button>
      </form>
    </div>
  );
}

/**
 * Before an input's words go public: whether they are published now, and a form to publish them as they are or
 * with parts covered (the original stays stored). Choices and counts are public anyway.
 */
function WordsReview({ input, onSaved }: { input: PublicInput; onSaved(): void }) {
  const { t } = useI18n();
  const written = new Set(input.textAnswers ?? []);
  const texts = Object.entries(input.answers).filter(
    (entry): entry is [string, string] => written.has(entry[0]) && typeof entry[1] === "string",
  );
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(texts));
  const [freeText, setFreeText] = useState(input.freeText ?? "");
  const [notice, setNotice] = useState<Status>();
  if (texts.length === 0 && !input.freeText) return null;
  const published = input.disposition !== null || input.review?.publishable === true;
  const state: MessageKey = !published
    ? "results.review.pending"
    : input.review?.redacted
      ? "results.review.publishedRedacted"
      : "results.review.published";

  async function save(publishable: boolean) {
    // Only what changed is stored as covered; the rest is published as it was said.
    const covered = Object.fromEntries(
      Object.entries(answers).filter(([id, text]) => text !== input.answers[id]),
    );
    const response = await fetch(`/api/v1/organizer/inputs/${input.id}/review`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        publishable,
        ...(Object.keys(covered).length > 0 ? { answers: covered } : {}),
        ...(input.freeText !== null && freeText !== input.freeText ? { freeText } : {}),
      }),
    }).catch(() => undefined);
    if (!response?.ok) return setNotice({ key: "results.review.failed", error: true });
    setNotice({ key: "results.review.saved" });
    onSaved();
  }

  const idFor = (name: string) => `review-${input.id}-${name}`;
  return (
    <details class="words-review">
      <summary>
        {t("results.review.open")} · <span data-testid="review-state">{t(state)}</span>
      </summary>
      <p class="hint">{t("results.review.hint")}</p>
      {texts.map(([questionId]) => (
        <div class="field" key={questionId}>
          <label for={idFor(questionId)}>{t("results.review.answer", { question: questionId })}</label>
          <textarea
            id={idFor(questionId)}
            rows={2}
            value={answers[questionId] ?? ""}
            onInput={(e) => setAnswers({ ...answers, [questionId]: e.currentTarget.value })}
          />
        </div>
      ))}
      {input.freeText ? (
        <div class="field">
          <label for={idFor("free")}>{t("results.review.freeText")}</label>
          <textarea
            id={idFor("free")}
            rows={2}
            value={freeText}
            onInput={(e) => setFreeText(e.currentTarget.value)}
          />
        </div>
      ) : null}
      <p>
        <button type="button" class="button button-primary" onClick={() => void save(true)}>
          {t("results.review.publish")}
        </button>{" "}
        <button type="button" class="button" onClick={() => void save(false)}>
          {t("results.review.withdraw")}
        </button>
      </p>
      {notice ? (
        <p role={notice.error ? "alert" : "status"} class={notice.error ? "error-text" : "success"}>
          {t(notice.key)}
        </p>
      ) : null}
    </details>
  );
}

/**
 * An input's voice recordings and photos, to hear and see them (staff only: the file comes from an organizer's
 * route). A spoken answer says which question it answers, where that answer's text would be.
 */
function Recordings({ input, themes }: { input: PublicInput; themes: Consultation["themes"] }) {
  const { t, language } = useI18n();
  if (!input.recordings?.length) return null;
  const questionLabel = (questionId: string) => questionLabelOf(themes, input.themeId, questionId, language);
  return (
    <ul class="recordings" data-testid="recordings">
      {input.recordings.map((recording, index) => {
        const label = recording.questionId
          ? t("results.recording.answer", { question: questionLabel(recording.questionId) })
          : t(recording.kind === "audio" ? "results.recording.voice" : "results.recording.photo");
        const url = `/api/v1/organizer/media/${encodeURIComponent(recording.id)}`;
        return (
          <li key={recording.id} data-testid="recording" data-question={recording.questionId}>
            <span>{label}</span>
            {!recording.arrived ? (
              <span class="hint"> {t("results.recording.waiting")}</span>
            ) : recording.kind === "audio" ? (
              // biome-ignore lint/a11y/useMediaCaption: a participant's spoken answer; no transcript exists yet
              <audio controls preload="none" src={url} aria-label={label} />
            ) : (
              <a href={url} target="_blank" rel="noopener">
                {t("results.recording.open", { n: index + 1 })}
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A question's label in the language on screen; its id when no version of the consultation has it any more. */
function questionLabelOf(
  themes: Consultation["themes"],
  themeId: string,
  questionId: string,
  language: UiLanguage,
): string {
  const question = themes
    .find((theme) => theme.id === themeId)
    ?.questions.find((candidate) => candidate.id === questionId);
  return question ? localize(question.label, language) : questionId;
}
