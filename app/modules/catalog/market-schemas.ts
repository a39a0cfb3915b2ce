import { z } from "zod";

// Forms of the public marketplace pages (server side: zod stays out of the browser bundle).

/** A favourite switched on or off: the product, or its cooperative's shop, of the page it is sent from. */
export const favouriteSchema = z.object({
  intent: z.enum(["favouriteProduct", "favouriteShop"], { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  on: z.enum(["1", "0"], { errorMap: () => ({ message: "errors.invalidChoice" }) }).transform((v) => v === "1"),
});

/** Removing one of one's favourites from the favourites page. */
export const removeFavouriteSchema = z.object({
  intent: z.enum(["removeProduct", "removeShop"], { errorMap: () => ({ message: "errors.invalidChoice" }) }),
  id: z.string().uuid("errors.invalid"),
});
