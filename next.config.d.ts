// Types for next.config.js (plain JavaScript, read by `next` itself), for the tests that check its settings.
declare const config: import("next").NextConfig;
export default config;
export declare const API_SECURITY_HEADERS: Readonly<Record<string, string>>;
