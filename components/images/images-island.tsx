"use client";
import { ImagesStudio } from "./images-studio";

/**
 * The Images page's client part, drawn on the server too, so the first paint already has the form and the
 * gallery's frame in place. What only the browser has arrives after hydration without moving anything: the
 * draft fills the form's fields, the gallery fills its grid. (It used to be a skeleton swapped for the studio
 * after hydration; the real form is taller than the skeleton at every width, so the gallery jumped down.)
 */
export function ImagesIsland({ storage }: { storage?: React.ReactNode }) {
  return <ImagesStudio storage={storage} />;
}
