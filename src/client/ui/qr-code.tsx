// A QR code drawn as SVG by uqr, loaded only when a screen shows one (receipts, enrolment codes).
import { useEffect, useState } from "preact/hooks";

export function QrCode({ text, label }: { text: string; label: string }) {
  const [svg, setSvg] = useState<string>();
  useEffect(() => {
    let live = true;
    void import("uqr").then(({ renderSVG }) => {
      if (live) setSvg(renderSVG(text, { ecc: "M", border: 2 }));
    });
    return () => {
      live = false;
    };
  }, [text]);
  if (!svg) return null;
  // The SVG is made here from our own text (no markup from outside), so injecting it is safe.
  return <div class="qr" role="img" aria-label={label} dangerouslySetInnerHTML={{ __html: svg }} />;
}
