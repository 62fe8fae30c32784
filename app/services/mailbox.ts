import { join } from 'node:path'
import { readdir, readFile, rm } from 'node:fs/promises'
import { mailboxDirectory } from '#config/mail'
import type { StoredMail } from '#services/file_mail_transport'

const ID = /^[\w-]+$/

/**
 * Reads the messages the `file` mailer stored: the /dev/mails pages and
 * the tests use it.
 */
export class Mailbox {
  constructor(readonly directory: string) {}

  /**
   * Every stored message, newest first.
   */
  async list(): Promise<StoredMail[]> {
    const files = await readdir(this.directory).catch((error) => {
      if (error.code === 'ENOENT') return []
      throw error
    })
    const ids = files
      .filter((file) => file.endsWith('.json'))
      .map((file) => file.slice(0, -'.json'.length))
      .sort()
      .reverse()
    const mails = await Promise.all(ids.map((id) => this.find(id)))
    return mails.filter((mail): mail is StoredMail => mail !== null)
  }

  async find(id: string): Promise<StoredMail | null> {
    if (!ID.test(id)) return null
    try {
      return JSON.parse(await readFile(join(this.directory, `${id}.json`), 'utf8'))
    } catch (error) {
      if (error.code === 'ENOENT') return null
      throw error
    }
  }

  /**
   * The newest message sent to this address (to, cc or bcc).
   */
  async latestTo(email: string): Promise<StoredMail | null> {
    const wanted = email.trim().toLowerCase()
    const mails = await this.list()
    return (
      mails.find((mail) =>
        [...mail.to, ...mail.cc, ...mail.bcc].some(
          (recipient) => recipient.address.toLowerCase() === wanted
        )
      ) ?? null
    )
  }

  async clear(): Promise<void> {
    await rm(this.directory, { recursive: true, force: true })
  }
}

export default new Mailbox(mailboxDirectory)
