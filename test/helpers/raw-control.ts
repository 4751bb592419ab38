// Control characters a terminal would obey: no text we print may hold one raw.
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
export const ANY_CONTROL = /[\x00-\x1f\x7f]/;
