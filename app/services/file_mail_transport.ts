import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { MailResponse } from '@adonisjs/mail'
import { JSONTransport } from '@adonisjs/mail/transports/json'
import type { MailTransportContract, NodeMailerMessage } from '@adonisjs/mail/types'

export interface MailAddress {
  address: string
  name: string
}

/**
 * One message as the file transport stores it, in `<id>.json`.
 */
export interface StoredMail {
  id: string
  messageId: string
  date: string
  from: MailAddress | null
  to: MailAddress[]
  cc: MailAddress[]
  bcc: MailAddress[]
  replyTo: MailAddress[]
  subject: string
  html: string | null
  text: string | null
  attachments: { filename: string | null; contentType: string | null }[]
}

/**
 * Now, but always later than the previous message of this process, so ids
 * (which start with the date) sort in sending order.
 */
let lastTime = 0
function nextDate() {
  lastTime = Math.max(Date.now(), lastTime + 1)
  return new Date(lastTime)
}

/**
 * Development and test mail transport: nodemailer's JSON transport builds
 * the message (addresses parsed, contents resolved), and this writes it to
 * `<directory>/<timestamp>-<random>.json` for a person (the /dev/mails
 * page) or a test (app/services/mailbox.ts) to read. Nothing leaves the
 * machine.
 */
export class FileMailTransport implements MailTransportContract {
  #json = new JSONTransport()

  constructor(protected config: { directory: string }) {}

  async send(message: NodeMailerMessage): Promise<MailResponse<StoredMail>> {
    const response = await this.#json.send(message)
    const built = JSON.parse(response.original.message)

    const date = nextDate()
    const id = `${date.toISOString().replace(/[-:.]/g, '')}-${randomBytes(4).toString('hex')}`
    const list = (value: unknown) =>
      (Array.isArray(value) ? value : value ? [value] : []) as MailAddress[]

    const stored: StoredMail = {
      id,
      messageId: response.messageId,
      date: date.toISOString(),
      from: built.from ?? null,
      to: list(built.to),
      cc: list(built.cc),
      bcc: list(built.bcc),
      replyTo: list(built.replyTo),
      subject: built.subject ?? '',
      html: built.html ?? null,
      text: built.text ?? null,
      attachments: (built.attachments ?? []).map((attachment: Record<string, unknown>) => ({
        filename: attachment.filename ?? null,
        contentType: attachment.contentType ?? null,
      })),
    }

    /**
     * Written aside then renamed, so a reader never sees half a file.
     */
    await mkdir(this.config.directory, { recursive: true })
    const path = join(this.config.directory, `${id}.json`)
    await writeFile(`${path}.part`, JSON.stringify(stored, null, 2))
    await rename(`${path}.part`, path)

    return new MailResponse(response.messageId, response.envelope, stored)
  }
}
