/** Dispatched on the window when a pull brought the list of community interface languages (issue #14, item 7). */
export const UI_LANGUAGES_EVENT = "tejido:ui-languages";
