import type { Options } from "react-markdown";

export type PluggableList = NonNullable<Options["rehypePlugins"]>;
export type Pluggable = PluggableList[number];

/** The plugin lists one block renders with; identity is stable so memoized blocks stay put. */
/** `highlight` / `math`: whether the set carries the highlighter / remark-math (both load on first need). */
export type PluginSet = { remarkPlugins: PluggableList; rehypePlugins: PluggableList; highlight?: boolean; math?: boolean };
