import { sniffUpload } from './file-sniffer';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a5b3c8e40000000049454e44ae426082', 'hex');

describe('sniffUpload', () => {
  it('stores the type read from the bytes, matching the extension', async () => {
    await expect(sniffUpload(PNG, 'anh.png')).resolves.toBe('image/png');
    await expect(sniffUpload(Buffer.from('%PDF-1.4\n%âãÏÓ\n'), 'bien-ban.PDF')).resolves.toBe('application/pdf');
    await expect(sniffUpload(Buffer.from('mã,tên\nA,Công đoàn\n'), 'ds.csv')).resolves.toBe('text/csv; charset=utf-8');
  });

  it('refuses an HTML page named .png, a PNG named .pdf, a binary named .txt and unknown extensions', async () => {
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    await expect(sniffUpload(html, 'anh.png')).rejects.toMatchObject({ code: 'FILE_TYPE_MISMATCH' });
    await expect(sniffUpload(PNG, 'tai-lieu.pdf')).rejects.toMatchObject({ code: 'FILE_TYPE_MISMATCH' });
    await expect(sniffUpload(Buffer.from([0, 1, 2, 3, 0xff]), 'ghi-chu.txt')).rejects.toMatchObject({ code: 'FILE_TYPE_MISMATCH' });
    await expect(sniffUpload(html, 'trang.html')).rejects.toMatchObject({ code: 'FILE_TYPE_MISMATCH' });
    await expect(sniffUpload(Buffer.from('MZ\x90\x00'), 'x.exe')).rejects.toMatchObject({ code: 'FILE_TYPE_MISMATCH' });
  });
});
