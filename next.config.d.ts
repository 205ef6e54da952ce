// Types for next.config.js (plain JavaScript, read by `next` itself), for the tests that check its settings.
declare const config: import("next").NextConfig;
export default config;
