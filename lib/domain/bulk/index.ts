export * from "./template";
export * from "./rows";
export * from "./file";
export * from "./inputs";
