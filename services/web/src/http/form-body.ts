import { AppError, MAX_BODY_BYTES } from '@gomall/kit';
import coBody from 'co-body';
import type { Context } from 'koa';

export type Form = Record<string, string>;

/**
 * The fields of an HTML form post (application/x-www-form-urlencoded), first value of each name.
 * The kit's body parser reads JSON only, which the storefront's forms never send.
 */
export async function readForm(ctx: Context): Promise<Form> {
  if (!ctx.is('application/x-www-form-urlencoded')) {
    throw new AppError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the form as a normal HTML form post');
  }
  const text: string = (await coBody.text(ctx, {
    limit: MAX_BODY_BYTES,
    encoding: 'utf8',
  })) as string;
  const form: Form = {};
  for (const [name, value] of new URLSearchParams(text)) {
    if (!(name in form)) form[name] = value;
  }
  return form;
}
