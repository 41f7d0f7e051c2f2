import type { Options } from "react-markdown";

export type PluggableList = NonNullable<Options["rehypePlugins"]>;
export type Pluggable = PluggableList[number];

/** The plugin lists one block renders with; identity is stable so memoized blocks stay put. */
export type PluginSet = { remarkPlugins: PluggableList; rehypePlugins: PluggableList; math?: boolean };
