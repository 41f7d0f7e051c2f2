import { cn } from "@/lib/client/cn";
import { Icon, type IconName } from "./icon";

type Props = Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "children"> & {
  icon: IconName;
  label: string;
  /** Shown in the tooltip and exposed as aria-keyshortcuts, e.g. "Control+Shift+O". */
  shortcut?: string;
  showLabel?: boolean;
};

/** A small icon button whose accessible name and tooltip are the same label. */
export function IconButton({ icon, label, shortcut, showLabel, className, ...rest }: Props) {
  return (
    <button
      type="button"
      aria-label={showLabel ? undefined : label}
      aria-keyshortcuts={shortcut}
      title={shortcut ? `${label} (${shortcut.replace("Control", "Ctrl")})` : label}
      className={cn(
        "inline-flex items-center gap-1.5 rounded-md p-1.5 text-muted hover:bg-subtle hover:text-fg disabled:opacity-40 disabled:hover:bg-transparent",
        className,
      )}
      {...rest}
    >
      <Icon name={icon} />
      {showLabel && <span className="text-xs">{label}</span>}
    </button>
  );
}
