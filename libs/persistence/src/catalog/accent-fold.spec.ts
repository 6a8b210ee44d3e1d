import { ACCENT_TRANSLATION, containsPattern, foldAccents } from './accent-fold';

describe('accent folding for catalog search', () => {
  it('folds Vietnamese letters, đ and case', () => {
    expect(foldAccents('Cấp Giấy chứng nhận quyền sử dụng ĐẤT')).toBe('cap giay chung nhan quyen su dung dat');
    expect(foldAccents('Đăng ký hộ kinh doanh')).toBe('dang ky ho kinh doanh');
  });

  it('translates every accented letter to one plain letter (same length, as SQL translate needs)', () => {
    const { accented, plain } = ACCENT_TRANSLATION;
    expect([...accented].length).toBe(plain.length);
    for (const letter of 'ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ') {
      expect(accented).toContain(letter);
      expect(accented).toContain(letter.toUpperCase());
    }
    const index = [...accented].indexOf('Ữ');
    expect(plain[index]).toBe('u');
  });

  it('escapes LIKE wildcards so a search for % or _ is literal', () => {
    expect(containsPattern('100%_x')).toBe('%100\\%\\_x%');
    expect(containsPattern('Giấy')).toBe('%giay%');
  });
});
