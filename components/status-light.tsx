import { lightLabel, type Light } from "@/lib/domain/status";

const LIGHT_CLASSES: Record<Light, string> = {
  green: "bg-emerald-500",
  yellow: "bg-amber-400",
  red: "bg-red-600",
  grey: "bg-slate-400",
  none: "bg-white ring-1 ring-inset ring-slate-300",
};


/** A status light dot with its status text; colour is never the only signal. */
export function StatusLight({ light, label }: { light: Light; label: string }) {
  return (
    <span className="inline-flex items-center gap-1.5 whitespace-nowrap" data-light={light}>
      <span aria-hidden className={`inline-block size-2.5 shrink-0 rounded-full ${LIGHT_CLASSES[light]}`} />
      <span>{label}</span>
    </span>
  );
}

export function LightDot({ light }: { light: Light }) {
  return <span role="img" aria-label={lightLabel(light)} className={`inline-block size-2.5 shrink-0 rounded-full ${LIGHT_CLASSES[light]}`} />;
}
