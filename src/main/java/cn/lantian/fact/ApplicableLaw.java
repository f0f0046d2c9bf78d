package cn.lantian.fact;

/** The article applied for violations citing a national article: that article, or a local one replacing it. */
public record ApplicableLaw(String national, LawArticle law) {}
