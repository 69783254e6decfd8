// A horizontal bar chart in SVG, readable on a phone and on paper, with its numbers in a table for screen readers.
import { useI18n } from "../i18n/i18n";

export interface Bar {
  label: string;
  /** null: suppressed (fewer than the threshold). */
  value: number | null;
  note?: string;
}

const ROW = 28;
const LABEL_WIDTH = 150;
const WIDTH = 360;

export function BarChart({
  id,
  title,
  bars,
  smallCell,
}: {
  id: string;
  title: string;
  bars: Bar[];
  smallCell?: number;
}) {
  const { t, locale } = useI18n();
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const max = Math.max(1, ...bars.map((bar) => bar.value ?? 0));
  const height = Math.max(ROW, bars.length * ROW);
  const shown = (bar: Bar) =>
    bar.value === null ? t("dash.suppressed", { n: smallCell ?? 5 }) : number.format(bar.value);
  return (
    <figure class="chart" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>{title}</figcaption>
      <svg
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        role="img"
        aria-labelledby={`${id}-title`}
        data-testid="chart"
        preserveAspectRatio="xMinYMin meet"
      >
        <title>{title}</title>
        {bars.map((bar, index) => {
          const y = index * ROW;
          const length = ((WIDTH - LABEL_WIDTH - 48) * (bar.value ?? 0)) / max;
          return (
            <g key={bar.label + index}>
              <text x={0} y={y + 18} class="chart-label">
                {bar.label.length > 22 ? `${bar.label.slice(0, 21)}…` : bar.label}
              </text>
              <rect
                x={LABEL_WIDTH}
                y={y + 6}
                width={Math.max(bar.value ? 2 : 0, length)}
                height={ROW - 12}
                class="chart-bar"
              />
              <text x={LABEL_WIDTH + length + 4} y={y + 18} class="chart-value">
                {shown(bar)}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>{t("dash.table")}</summary>
        <table class="chart-table">
          <tbody>
            {bars.map((bar, index) => (
              <tr key={bar.label + index}>
                <th scope="row" class="chart-cell">
                  {bar.label}
                </th>
                <td class="chart-cell">{shown(bar)}</td>
                {bar.note ? <td class="chart-cell">{bar.note}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
