export * from "./chat";
export * from "./errors";
export * from "./images";
export * from "./limits";
export * from "./models";
export * from "./transcriptions";
