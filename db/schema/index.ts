export * from "./accounts";
export * from "./moderation";
export * from "./organizations";
export * from "./emails";
export * from "./search";
export * from "./messages";
export * from "./catalog";
