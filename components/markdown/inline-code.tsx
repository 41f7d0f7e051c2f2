import type { ComponentProps } from "react";
import type { ExtraProps } from "react-markdown";
import { MathFormula } from "./math-formula";

/** Inline code, or inline math (remark-math marks `$x$` as code with class math-inline). */
export function InlineCode({ className, children }: ComponentProps<"code"> & ExtraProps) {
  if (typeof className === "string" && className.includes("math-inline")) {
    return <MathFormula tex={String(children ?? "")} display={false} />;
  }
  return <code className={className}>{children}</code>;
}
