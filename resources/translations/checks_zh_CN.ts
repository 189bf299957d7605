<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>CheckView</name>
    <message>
        <source>No picture from the camera of window %1: import a photo taken with a phone.</source>
        <translation>窗口 %1 的摄像头没有画面：请导入用手机拍摄的照片。</translation>
    </message>
    <message>
        <source>The stream gives no picture: showing the camera's snapshot address.</source>
        <translation>视频流没有画面：正在显示摄像头的抓图地址。</translation>
    </message>
    <message>
        <source>A selected finding already has a letter of this kind (%1): open it under Letters, or revoke it to draft another.</source>
        <translation>所选问题记录已有同类公文（%1），请到“公文”中查看；如需重新起草，请先撤销原公文。</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>草稿</translation>
    </message>
    <message>
        <source>Open inspection</source>
        <translation>明查</translation>
    </message>
    <message>
        <source>Covert visit</source>
        <translation>暗访</translation>
    </message>
    <message>
        <source>Surprise check</source>
        <translation>突击检查</translation>
    </message>
    <message>
        <source>Video patrol</source>
        <translation>视频巡查</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>方式(&amp;K)：</translation>
    </message>
    <message>
        <source>&amp;Team:</source>
        <translation>检查组(&amp;T)：</translation>
    </message>
    <message>
        <source>who checks, e.g. 效能办 张、李</source>
        <translation>检查人员，如 效能办 张、李</translation>
    </message>
    <message>
        <source>Start (Ctrl+N)</source>
        <translation>开始检查（Ctrl+N）</translation>
    </message>
    <message>
        <source>Su&amp;mmary:</source>
        <translation>小结(&amp;M)：</translation>
    </message>
    <message>
        <source>Enter closes the session</source>
        <translation>按回车结束本次检查</translation>
    </message>
    <message>
        <source>Close session (Ctrl+E)</source>
        <translation>结束检查（Ctrl+E）</translation>
    </message>
    <message>
        <source>Finding at the chosen window</source>
        <translation>所选窗口发现的问题</translation>
    </message>
    <message>
        <source>&amp;Item:</source>
        <translation>检查项(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>当事人(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>情况描述(&amp;D)：</translation>
    </message>
    <message>
        <source>Se&amp;verity:</source>
        <translation>程度(&amp;V)：</translation>
    </message>
    <message>
        <source>Days to &amp;rectify:</source>
        <translation>整改期限（工作日）(&amp;R)：</translation>
    </message>
    <message>
        <source>Record finding (Ctrl+Return)</source>
        <translation>记录问题（Ctrl+回车）</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>窗口</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>检查项</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>当事人</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>程度</translation>
    </message>
    <message>
        <source>Rectify by</source>
        <translation>整改期限</translation>
    </message>
    <message>
        <source>No session open. Ctrl+N starts one.</source>
        <translation>未在检查中。按 Ctrl+N 开始。</translation>
    </message>
    <message>
        <source>%1 since %2: %3 findings</source>
        <translation>%1（%2 开始）：发现问题 %3 个</translation>
    </message>
    <message>
        <source>nobody serving</source>
        <translation>无人在岗</translation>
    </message>
    <message>
        <source>(%1 found)</source>
        <translation>（已记 %1 个问题）</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Take photo (Space)</source>
        <translation>拍照（空格）</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>照片</translation>
    </message>
    <message>
        <source>No camera set for window %1.</source>
        <translation>窗口 %1 未设置摄像头。</translation>
    </message>
    <message>
        <source>No picture yet: wait for the camera.</source>
        <translation>尚无画面，请等待摄像头。</translation>
    </message>
    <message>
        <source>Saving the photo…</source>
        <translation>正在保存照片…</translation>
    </message>
    <message>
        <source>Photo kept: %1</source>
        <translation>已保存照片：%1</translation>
    </message>
    <message>
        <source>Import a photo…</source>
        <translation>导入照片…</translation>
    </message>
    <message>
        <source>A photo taken with a phone or camera; its EXIF time is checked</source>
        <translation>手机或相机拍摄的照片；将核对其 EXIF 拍摄时间</translation>
    </message>
    <message>
        <source>Import a photo</source>
        <translation>导入照片</translation>
    </message>
    <message>
        <source>JPEG photos (*.jpg *.jpeg)</source>
        <translation>JPEG 照片 (*.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>Photo imported; its time is not the finding's: %1</source>
        <translation>照片已导入，但拍摄时间与问题时间不符：%1</translation>
    </message>
    <message>
        <source>no EXIF time</source>
        <translation>无 EXIF 时间</translation>
    </message>
    <message>
        <source>%1 minutes apart</source>
        <translation>相差 %1 分钟</translation>
    </message>
    <message>
        <source>Remove the finding at window %1 (%2)?</source>
        <translation>删除窗口 %1 的问题记录（%2）？</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Keep</source>
        <translation>保留</translation>
    </message>
    <message>
        <source>Efficiency warning letter</source>
        <translation>效能告诫书</translation>
    </message>
    <message>
        <source>Supervision notice</source>
        <translation>督办通知书</translation>
    </message>
    <message>
        <source>Rectification notice</source>
        <translation>整改通知书</translation>
    </message>
    <message>
        <source>Draft a letter</source>
        <translation>起草公文</translation>
    </message>
    <message>
        <source>Draft a letter from the selected findings; edit and issue it under Letters</source>
        <translation>根据所选问题记录起草公文；起草后到“公文”中修改、签发</translation>
    </message>
    <message>
        <source>Drafting…</source>
        <translation>正在起草…</translation>
    </message>
    <message>
        <source>%1 drafted from %2 findings: edit and issue it under Letters.</source>
        <translation>已根据 %2 条问题记录起草%1（草稿），请到“公文”中查看、修改和签发。</translation>
    </message>
    <message>
        <source>An efficiency warning letter is to one person, and the selected findings name several (%1): draft one letter per person.</source>
        <translation>一份效能告诫书只能发给一个人，所选问题记录涉及多人（%1）：请按人分别起草。</translation>
    </message>
    <message>
        <source>A notice is to one unit, and the selected findings are at several: draft one notice per unit.</source>
        <translation>一份通知书只能发给一个单位，所选问题记录涉及多个单位：请按单位分别起草。</translation>
    </message>
    <message>
        <source>The selected findings name nobody: an efficiency warning letter is to a person. Record who it was, or draft a supervision notice to the unit.</source>
        <translation>所选问题记录没有记到具体人员，不能起草效能告诫书：请先记明责任人，或改为向单位起草督办通知书。</translation>
    </message>
    <message>
        <source>The selected findings belong to no unit: give the window or the person a unit first (Settings).</source>
        <translation>所选问题记录找不到所属单位：请先在“设置”中为窗口或人员指定进驻单位。</translation>
    </message>
</context>
<context>
    <name>Gallery</name>
    <message>
        <source>Photo %1</source>
        <translation>照片 %1</translation>
    </message>
    <message>
        <source>Original SHA-256: %1</source>
        <translation>原始照片 SHA-256：%1</translation>
    </message>
</context>
</TS>
