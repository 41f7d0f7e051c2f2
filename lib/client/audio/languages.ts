/** Whisper's languages by ISO-639-1 code: Chinese and English first, the rest by English name. */
const OTHERS: [string, string][] = [
  ["af", "Afrikaans"], ["ar", "Arabic"], ["hy", "Armenian"], ["az", "Azerbaijani"], ["be", "Belarusian"],
  ["bs", "Bosnian"], ["bg", "Bulgarian"], ["ca", "Catalan"], ["hr", "Croatian"], ["cs", "Czech"],
  ["da", "Danish"], ["nl", "Dutch"], ["et", "Estonian"], ["fi", "Finnish"], ["fr", "French"],
  ["gl", "Galician"], ["de", "German"], ["el", "Greek"], ["he", "Hebrew"], ["hi", "Hindi"],
  ["hu", "Hungarian"], ["is", "Icelandic"], ["id", "Indonesian"], ["it", "Italian"], ["ja", "Japanese"],
  ["kn", "Kannada"], ["kk", "Kazakh"], ["ko", "Korean"], ["lv", "Latvian"], ["lt", "Lithuanian"],
  ["mk", "Macedonian"], ["ms", "Malay"], ["mr", "Marathi"], ["mi", "Maori"], ["ne", "Nepali"],
  ["no", "Norwegian"], ["fa", "Persian"], ["pl", "Polish"], ["pt", "Portuguese"], ["ro", "Romanian"],
  ["ru", "Russian"], ["sr", "Serbian"], ["sk", "Slovak"], ["sl", "Slovenian"], ["es", "Spanish"],
  ["sw", "Swahili"], ["sv", "Swedish"], ["tl", "Tagalog"], ["ta", "Tamil"], ["th", "Thai"],
  ["tr", "Turkish"], ["uk", "Ukrainian"], ["ur", "Urdu"], ["vi", "Vietnamese"], ["cy", "Welsh"],
];

export const LANGUAGES: { code: string; name: string }[] = [
  { code: "zh", name: "Chinese" },
  { code: "en", name: "English" },
  ...OTHERS.map(([code, name]) => ({ code, name })),
];
